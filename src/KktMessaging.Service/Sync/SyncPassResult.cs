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
}

public sealed record SyncPassResult(SyncPassOutcome Outcome, int Reclaimed = 0, int Claimed = 0, string? Reason = null);
