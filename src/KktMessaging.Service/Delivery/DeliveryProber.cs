using KktMessaging.Service.Ofd;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// While delivery is paused, tests the OFD with a harmless lookup: through the open circuit (which lets exactly
/// one call through per break) or, for a systemic pause, once per break. A good answer resumes delivery.
/// </summary>
internal sealed class DeliveryProber(
    DeliveryGate gate, IServiceScopeFactory scopes, TimeProvider clock, IOptions<CircuitOptions> options, ILogger<DeliveryProber> logger)
    : BackgroundService
{
    /// <summary>A receiptId no POS ever uses: the OFD answers it 404 when it is healthy and trusts us.</summary>
    private static readonly Guid ProbeId = Guid.Empty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSystemicProbe = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken);
            if (!gate.IsPaused) continue;
            if (gate.IsSystemic && clock.GetUtcNow() < nextSystemicProbe) continue;
            if (gate.IsSystemic) nextSystemicProbe = clock.GetUtcNow() + options.Value.BreakDuration;
            await ProbeAsync(stoppingToken);
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ofd = scope.ServiceProvider.GetRequiredService<OfdClient>();
        try
        {
            var response = await ofd.FindAsync(ProbeId, cancellationToken);
            if (response.ErrorClass == OfdErrorClass.Systemic)
            {
                logger.LogWarning("OFD probe: still refused ({Error})", response.Error);
                return;
            }

            if (response.ErrorClass is null) gate.ClearSystemic();
            else logger.LogWarning("OFD probe failed: {Error}", response.Error);
        }
        catch (BrokenCircuitException)
        {
            // The break has not elapsed yet: the circuit did not let the probe through.
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("OFD probe failed: {Error}", exception.Message);
        }
    }
}
