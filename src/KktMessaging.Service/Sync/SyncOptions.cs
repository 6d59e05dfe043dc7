using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Sync;

public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Receipts claimed per pass. A pass that claims a full batch asks for the next one at once.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Time between scheduled passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A receipt claimed this long ago with no delivery attempt since goes back to Pending: its SendToOfd never
    /// reached the broker (a crash between claim and publish). Keep it well above the longest redelivery gap.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long pass records are kept.</summary>
    public TimeSpan PassHistoryRetention { get; set; } = TimeSpan.FromDays(7);
}
