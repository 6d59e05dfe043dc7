using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Delivery;

public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>OFD calls in flight at once in one process.</summary>
    [Range(1, 256)]
    public int ConcurrencyLimit { get; set; } = 16;

    /// <summary>Retries after the first attempt before a message goes to the error queue.</summary>
    [Range(0, 100)]
    public int RetryLimit { get; set; } = 20;

    /// <summary>Exponential ladder: wait i is about min(RetryMinInterval + 2^i * RetryIntervalDelta, RetryMaxInterval).</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.Zero;

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan RetryIntervalDelta { get; set; } = TimeSpan.FromSeconds(1);
}
