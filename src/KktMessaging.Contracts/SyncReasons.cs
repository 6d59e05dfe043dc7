namespace KktMessaging.Contracts;

/// <summary>Why a sync pass was requested.</summary>
public static class SyncReasons
{
    /// <summary>The periodic trigger.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>The previous pass claimed a full batch, so more work is waiting.</summary>
    public const string Drain = "drain";

    /// <summary>An operator asked for it.</summary>
    public const string Manual = "manual";
}
