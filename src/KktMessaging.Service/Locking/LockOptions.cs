namespace KktMessaging.Service.Locking;

public sealed class LockOptions
{
    public const string SectionName = "Lock";

    /// <summary>How long the lock lives without renewal; RedLock renews it while the holder runs.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(300);
}
