using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Sync;

/// <summary>
/// Every replica checks once an interval that the buffer's chain is alive: a link overdue by more than an interval
/// means the chain was lost (a crash between a pass and its successor), and one replica starts a new chain. The
/// timer is only a watchdog; the chain in the broker is the schedule.
/// </summary>
internal sealed class SyncChainWatchdog(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SyncOptions> options, ILogger<SyncChainWatchdog> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await ReviveIfLostAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not check the sync chain ({Error}); checking again in {Interval}", exception.Message, options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReviveIfLostAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var state = scope.ServiceProvider.GetRequiredService<SyncStateStore>();
        if (await state.TryReviveChainAsync((now - options.Value.Interval).UtcDateTime, now.UtcDateTime, cancellationToken) is not { } chainId) return;
        logger.LogWarning("The sync chain was overdue; started chain {ChainId}", chainId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Interval);
        await scope.ServiceProvider.GetRequiredService<SyncChain>().ScheduleAsync(chainId, TimeSpan.Zero, Contracts.SyncReasons.Scheduled, timeout.Token);
    }
}
