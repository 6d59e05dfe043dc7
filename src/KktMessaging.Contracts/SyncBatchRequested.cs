namespace KktMessaging.Contracts;

/// <summary>Asks for one sync pass over the buffer. <see cref="Reason"/> is one of <see cref="SyncReasons"/>.</summary>
public sealed record SyncBatchRequested
{
    public DateTimeOffset RequestedAt { get; init; }
    public string Reason { get; init; } = SyncReasons.Scheduled;
}
