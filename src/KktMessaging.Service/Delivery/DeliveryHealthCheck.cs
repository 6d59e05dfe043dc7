using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KktMessaging.Service.Delivery;

/// <summary>Readiness says why delivery is paused: degraded during an OFD outage, unhealthy when the OFD refuses us.</summary>
internal sealed class DeliveryHealthCheck(DeliveryGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.PauseReason switch
        {
            null => HealthCheckResult.Healthy(),
            var reason when gate.IsSystemic => HealthCheckResult.Unhealthy($"delivery paused: {reason}"),
            var reason => HealthCheckResult.Degraded($"delivery paused: {reason}; one probe per break tests the OFD"),
        });
}
