namespace KktMessaging.Service.Buffer;

/// <summary>
/// The buffer's one row of sync state, shared by every process on the buffer: the live scheduling chain, its
/// backoff, and the highest fencing token any lock holder has committed with.
/// </summary>
public sealed class SyncStateRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The chain whose links may run and schedule successors; links of any other chain die out.</summary>
    public Guid ChainId { get; set; }

    /// <summary>When the chain's next link should arrive; a chain overdue by an interval is revived.</summary>
    public DateTime NextLinkDueAt { get; set; }

    /// <summary>How many passes in a row could not dispatch (Redis down, delivery paused).</summary>
    public int BackoffStep { get; set; }

    public long FenceToken { get; set; }

    /// <summary>Commits refused because a newer lock holder had committed already.</summary>
    public long FencingRefusals { get; set; }
}
