using KktMessaging.Contracts;
using KktMessaging.Service.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Sync;

/// <summary>
/// The scheduled passes of a buffer as a chain of broker messages: each link runs a pass and schedules its
/// successor through the delay levels, so the schedule survives restarts of every process. The buffer's sync
/// state names the one live chain; a link of any other chain schedules nothing and that chain ends.
/// </summary>
public sealed class SyncChain(
    SyncPass pass,
    SyncStateStore state,
    DelayedForwarder forwarder,
    ISendEndpointProvider sender,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<SyncChain> logger)
{
    public const string Queue = "sync-batch";

    public async Task RunLinkAsync(SyncBatchRequested link, Guid chainId, CancellationToken cancellationToken)
    {
        var current = await state.LoadAsync(cancellationToken);
        if (current.ChainId != chainId)
        {
            logger.LogInformation("Sync chain {ChainId} is superseded by {LiveChainId}; its link ends here", chainId, current.ChainId);
            await pass.RecordSupersededAsync(link.Reason, chainId, cancellationToken);
            return;
        }

        var result = await RunPassAsync(link.Reason, chainId, cancellationToken);
        var (delay, backoffStep, reason) = Next(result, current.BackoffStep);
        if (!await state.AdvanceChainAsync(chainId, (clock.GetUtcNow() + delay).UtcDateTime, backoffStep, cancellationToken))
        {
            logger.LogInformation("Sync chain {ChainId} was replaced during its pass; its link ends here", chainId);
            return;
        }

        await ScheduleAsync(chainId, delay, reason, cancellationToken);
    }

    /// <summary>Sends a link of the chain, now or after <paramref name="delay"/>.</summary>
    public async Task ScheduleAsync(Guid chainId, TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        var link = new SyncBatchRequested { RequestedAt = clock.GetUtcNow(), Reason = reason, ChainId = chainId };
        if (delay <= TimeSpan.Zero)
        {
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{Queue}"));
            await endpoint.Send(link, cancellationToken);
        }
        else await forwarder.SendAsync(sender, link, Queue, delay, cancellationToken);
    }

    /// <summary>Drain while work is pending, back off while nothing can be dispatched, else wait an interval.</summary>
    private (TimeSpan Delay, int BackoffStep, string Reason) Next(SyncPassResult result, int backoffStep) => result.Outcome switch
    {
        SyncPassOutcome.Ran when result.Capped => (options.Value.BackoffInitial, 0, SyncReasons.Drain),
        SyncPassOutcome.Ran when result.MorePending => (TimeSpan.Zero, 0, SyncReasons.Drain),
        SyncPassOutcome.Ran or SyncPassOutcome.LockHeldElsewhere => (options.Value.Interval, 0, SyncReasons.Scheduled),
        _ => (options.Value.Backoff(backoffStep), backoffStep + 1, SyncReasons.Backoff),
    };

    private async Task<SyncPassResult> RunPassAsync(string reason, Guid chainId, CancellationToken cancellationToken)
    {
        try
        {
            return await pass.RunAsync(reason, chainId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Sync pass ({Reason}) failed; the chain backs off and tries again", reason);
            return new SyncPassResult(SyncPassOutcome.Failed);
        }
    }
}
