using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Delivery;

public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>OFD calls in flight at once in one process.</summary>
    [Range(1, 256)]
    public int ConcurrencyLimit { get; set; } = 16;

    /// <summary>Redeliveries after the first attempt before a message faults into send-to-ofd_error.</summary>
    [Range(0, 100)]
    public int RedeliveryLimit { get; set; } = 20;

    /// <summary>The first wait of the ladder; each next one doubles, up to <see cref="RedeliveryMaxInterval"/>.</summary>
    public TimeSpan RedeliveryInitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RedeliveryMaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The waits before each redelivery: 1 s, 2 s, 4 s ... 60 s, 60 s ... by default.</summary>
    public IReadOnlyList<TimeSpan> RedeliveryLadder => Enumerable.Range(0, RedeliveryLimit)
        .Select(step => TimeSpan.FromTicks((long)Math.Min(RedeliveryInitialInterval.Ticks * Math.Pow(2, step), RedeliveryMaxInterval.Ticks)))
        .ToList();
}
