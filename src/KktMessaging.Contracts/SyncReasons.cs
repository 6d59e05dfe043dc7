namespace KktMessaging.Contracts;

/// <summary>Why a sync pass was requested.</summary>
public static class SyncReasons
{
    /// <summary>The periodic trigger.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>The previous pass left receipts pending, so more work is waiting.</summary>
    public const string Drain = "drain";

    /// <summary>The previous pass could not dispatch (Redis down, delivery paused): this one came after a backoff.</summary>
    public const string Backoff = "backoff";

    /// <summary>An operator asked for it.</summary>
    public const string Manual = "manual";

    /// <summary>New receipts arrived: a pass now keeps latency low between scheduled passes.</summary>
    public const string Nudge = "nudge";
}
