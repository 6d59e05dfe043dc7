using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.Service.Sync;

/// <summary>
/// Runs one sync pass per request. A chain link also schedules its successor. A one-off pass (nudge, manual)
/// that leaves receipts pending asks for one more pass at once; it is never retried: the chain comes anyway.
/// </summary>
public sealed class SyncBatchConsumer(SyncPass pass, SyncChain chain, ILogger<SyncBatchConsumer> logger) : IConsumer<SyncBatchRequested>
{
    public async Task Consume(ConsumeContext<SyncBatchRequested> context)
    {
        var request = context.Message;
        if (request.ChainId is { } chainId)
        {
            await chain.RunLinkAsync(request, chainId, context.CancellationToken);
            return;
        }

        try
        {
            var result = await pass.RunAsync(request.Reason, null, context.CancellationToken);
            if (result is { Outcome: SyncPassOutcome.Ran, MorePending: true, Capped: false })
                await context.Publish(new SyncBatchRequested { RequestedAt = DateTimeOffset.UtcNow, Reason = SyncReasons.Drain }, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Sync pass ({Reason}) failed; the scheduled chain tries again", request.Reason);
        }
    }
}
