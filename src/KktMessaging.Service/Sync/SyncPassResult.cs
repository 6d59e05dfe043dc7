using KktMessaging.Service.Locking;

namespace KktMessaging.Service.Sync;

/// <param name="Lock">Whether the pass got the buffer lock; only an acquired lock means the pass ran.</param>
public sealed record SyncPassResult(LockAttemptStatus Lock, int Reclaimed = 0, int Claimed = 0)
{
    public bool Ran => Lock == LockAttemptStatus.Acquired;
}
