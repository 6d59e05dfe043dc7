using KktMessaging.Service.Buffer;

namespace KktMessaging.Service.Api;

/// <param name="Circuit">The OFD circuit breaker: Closed, Open or HalfOpen.</param>
/// <param name="OldestUndeliveredAgeSeconds">
/// Age of the oldest receipt not yet Delivered (nor Rejected), by its fiscal time: the figure the 30-day rule is about.
/// </param>
public sealed record BufferStatusView(
    string Buffer,
    IReadOnlyDictionary<ReceiptStatus, int> Counts,
    double? OldestUndeliveredAgeSeconds,
    string Circuit,
    DateTimeOffset? CircuitOpenedAt,
    string? DeliveryPausedReason,
    SyncPassView? LastPass);

public sealed record SyncPassView(string Instance, string Reason, DateTime StartedAt, DateTime? FinishedAt, int Claimed, int Reclaimed);
