namespace KktMessaging.Service.Sync;

public enum SyncPassOutcome
{
    /// <summary>The pass held the lock and ran.</summary>
    Ran,

    /// <summary>Another pass holds the buffer lock.</summary>
    LockHeldElsewhere,

    /// <summary>Redis did not answer: no lock, no pass.</summary>
    LockUnavailable,

    /// <summary>Delivery is paused (OFD circuit open, or the OFD refuses us): nothing is dispatched.</summary>
    DeliveryPaused,

    /// <summary>The lease ran out, or a newer holder committed first: the pass stopped without committing.</summary>
    LostLock,

    /// <summary>The pass failed (the buffer or the broker threw); the next one tries again.</summary>
    Failed,
}

/// <param name="MorePending">Pending receipts remain after the pass: the next pass should come at once.</param>
/// <param name="Capped">The pass claimed less than it could because <see cref="SyncOptions.MaxDispatched"/> receipts are in flight.</param>
public sealed record SyncPassResult(
    SyncPassOutcome Outcome, int Reclaimed = 0, int Claimed = 0, bool MorePending = false, bool Capped = false, string? Reason = null);
