using KktMessaging.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Sync;

/// <summary>
/// New receipts ask for a pass right away, so delivery does not wait for the next scheduled one. Requests within
/// <see cref="SyncOptions.NudgeDelay"/> share one pass; none is lost, as a request during a wait is covered by
/// the pass that ends it.
/// </summary>
public sealed class SyncNudger(IBus bus, TimeProvider clock, IOptions<SyncOptions> options, ILogger<SyncNudger> logger)
{
    private int _scheduled;

    public void Nudge()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1) return;
        _ = Task.Run(PublishAfterDelayAsync);
    }

    private async Task PublishAfterDelayAsync()
    {
        await Task.Delay(options.Value.NudgeDelay, clock);
        Interlocked.Exchange(ref _scheduled, 0);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await bus.Publish(new SyncBatchRequested { RequestedAt = clock.GetUtcNow(), Reason = SyncReasons.Nudge }, timeout.Token);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Could not ask for a sync pass after new receipts ({Error}); the scheduled pass will take them", exception.Message);
        }
    }
}
