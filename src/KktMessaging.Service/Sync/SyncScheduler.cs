using KktMessaging.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Sync;

/// <summary>Publishes a <see cref="SyncBatchRequested"/> every <see cref="SyncOptions.Interval"/>.</summary>
internal sealed class SyncScheduler(IBus bus, TimeProvider clock, IOptions<SyncOptions> options, ILogger<SyncScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(options.Value.Interval);
                await bus.Publish(new SyncBatchRequested { RequestedAt = clock.GetUtcNow(), Reason = SyncReasons.Scheduled }, timeout.Token);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not request a sync pass ({Error}); trying again in {Interval}", exception.Message, options.Value.Interval);
            }
        }
    }
}
