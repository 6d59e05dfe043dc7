using KktMessaging.Service.Buffer;
using Microsoft.Extensions.Options;
using RedLockNet;
using RedLockNet.SERedis;

namespace KktMessaging.Service.Locking;

/// <summary>The sync lock of this process's buffer: one resource per buffer, taken without waiting.</summary>
public sealed class BufferLock(IDistributedLockFactory locks, BufferIdentity buffer, IOptions<LockOptions> options)
{
    public string Resource { get; } = "kkt-sync:" + buffer.Name;

    /// <summary>Tries once. The caller owns the returned lock and must dispose it, which releases it.</summary>
    public async Task<LockAttempt> TryAcquireAsync()
    {
        var redLock = await locks.CreateLockAsync(Resource, options.Value.Expiry);
        if (redLock.IsAcquired) return new LockAttempt(LockAttemptStatus.Acquired, redLock);
        var status = redLock.Status == RedLockStatus.Conflicted ? LockAttemptStatus.HeldElsewhere : LockAttemptStatus.Unavailable;
        redLock.Dispose();
        return new LockAttempt(status, null);
    }
}

public enum LockAttemptStatus
{
    Acquired,

    /// <summary>Another holder has it.</summary>
    HeldElsewhere,

    /// <summary>Not enough Redis servers answered to know: the holder is unknown.</summary>
    Unavailable,
}

public sealed record LockAttempt(LockAttemptStatus Status, IRedLock? Lock);
