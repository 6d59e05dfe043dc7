using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Ofd;

/// <summary>The circuit breaker around the OFD: while it is open, delivery pauses instead of spending budgets.</summary>
public sealed class CircuitOptions
{
    public const string SectionName = "Circuit";

    /// <summary>Transient failures in a row (within <see cref="SamplingDuration"/>) that open the circuit.</summary>
    [Range(2, 10_000)]
    public int FailureThreshold { get; set; } = 5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one probe tests the OFD.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a message that met a paused delivery waits before it goes back to its queue (no budget spent).</summary>
    public TimeSpan DeferDelay { get; set; } = TimeSpan.FromSeconds(1);
}
