namespace KktMessaging.Service.Hosting;

public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// After SIGTERM, how long the process keeps serving while readiness says "shutting down", so load balancers
    /// and Kubernetes stop sending work before consumers stop.
    /// </summary>
    public TimeSpan UnreadyDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The whole stop, the unready delay included: in-flight messages finish or go back to the broker within it.
    /// Keep Kubernetes' terminationGracePeriodSeconds above it.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(25);
}
