using KktMessaging.Service.Buffer;
using Microsoft.Extensions.Options;
using RedLockNet;
using RedLockNet.SERedis;
using StackExchange.Redis;

namespace KktMessaging.Service.Locking;

/// <summary>
/// The sync lock of this process's buffer: one resource per buffer, taken without waiting. Each acquisition also
/// draws a fencing token that only grows (Redis INCR on a quorum), so the buffer can refuse a holder whose lease
/// ran out while it was paused.
/// </summary>
public sealed class BufferLock(IDistributedLockFactory locks, RedisConnections redis, BufferIdentity buffer, IOptions<LockOptions> options)
{
    public string Resource { get; } = "kkt-sync:" + buffer.Name;
    private RedisKey FenceKey => "kkt-fence:" + buffer.Name;

    /// <summary>Tries once. The caller owns the returned lock and must dispose it, which releases it.</summary>
    public async Task<LockAttempt> TryAcquireAsync()
    {
        var redLock = await locks.CreateLockAsync(Resource, options.Value.Expiry);
        if (!redLock.IsAcquired)
        {
            var status = redLock.Status == RedLockStatus.Conflicted ? LockAttemptStatus.HeldElsewhere : LockAttemptStatus.Unavailable;
            redLock.Dispose();
            return new LockAttempt(status, null, 0);
        }

        if (await NextFenceTokenAsync() is { } token) return new LockAttempt(LockAttemptStatus.Acquired, redLock, token);
        redLock.Dispose();
        return new LockAttempt(LockAttemptStatus.Unavailable, null, 0);
    }

    /// <summary>The highest INCR result of a quorum of servers, or null without a quorum.</summary>
    private async Task<long?> NextFenceTokenAsync()
    {
        var results = await Task.WhenAll(redis.Multiplexers.Select(async multiplexer =>
        {
            try
            {
                return (long?)await multiplexer.GetDatabase().StringIncrementAsync(FenceKey);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return null;
            }
        }));
        var answered = results.Where(result => result.HasValue).Select(result => result!.Value).ToList();
        return answered.Count >= redis.Multiplexers.Count / 2 + 1 ? answered.Max() : null;
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

/// <param name="FenceToken">Grows with every acquisition of the resource; valid only when acquired.</param>
public sealed record LockAttempt(LockAttemptStatus Status, IRedLock? Lock, long FenceToken);
