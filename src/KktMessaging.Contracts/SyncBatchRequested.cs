namespace KktMessaging.Contracts;

/// <summary>Asks for one sync pass over the buffer. <see cref="Reason"/> is one of <see cref="SyncReasons"/>.</summary>
public sealed record SyncBatchRequested
{
    public DateTimeOffset RequestedAt { get; init; }
    public string Reason { get; init; } = SyncReasons.Scheduled;

    /// <summary>
    /// The scheduling chain this request is a link of: each chained pass schedules its successor. Null for
    /// one-off requests (manual, nudge, drain of a one-off pass), which schedule nothing.
    /// </summary>
    public Guid? ChainId { get; init; }
}
