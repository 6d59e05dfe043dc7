using KktMessaging.Contracts;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Locking;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RedLockNet;

namespace KktMessaging.Service.Sync;

/// <summary>
/// One sync pass: under the buffer lock, return expired claims to Pending, claim the oldest Pending receipts
/// and publish one SendToOfd for each. Without the lock nothing is claimed, whatever the reason; while delivery
/// is paused nothing is dispatched, so no receipt spends its budget on an outage. Before each commit the pass
/// checks its lease and its fencing token: a holder whose lease ran out while it was paused commits nothing.
/// </summary>
public sealed class SyncPass(
    BufferLock bufferLock,
    DeliveryGate gate,
    BufferDbContext db,
    SyncStateStore state,
    IPublishEndpoint publisher,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<SyncPass> logger)
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";
    private bool _fencedOut;

    public async Task<SyncPassResult> RunAsync(string reason, Guid? chainId, CancellationToken cancellationToken)
    {
        if (gate.PauseReason is { } pause)
        {
            logger.LogInformation("Sync pass ({Reason}) dispatches nothing: delivery is paused, {Pause}", reason, pause);
            return await RecordAsync(new SyncPassResult(SyncPassOutcome.DeliveryPaused, Reason: pause), reason, chainId, cancellationToken);
        }

        var attempt = await bufferLock.TryAcquireAsync();
        if (attempt.Lock is null)
        {
            var outcome = attempt.Status == LockAttemptStatus.HeldElsewhere ? SyncPassOutcome.LockHeldElsewhere : SyncPassOutcome.LockUnavailable;
            LogSkipped(outcome, reason);
            return await RecordAsync(new SyncPassResult(outcome), reason, chainId, cancellationToken);
        }

        await using var held = attempt.Lock;
        var record = new SyncPassRecord { Instance = Instance, Reason = reason, ChainId = chainId, FenceToken = attempt.FenceToken, Outcome = "Running" };
        var claim = await ClaimUnderFenceAsync(held, attempt.FenceToken, record, cancellationToken);
        if (claim is null) return await LostLockAsync(reason, chainId, cancellationToken);

        await PublishAsync(claim.Messages, cancellationToken);
        var result = new SyncPassResult(
            SyncPassOutcome.Ran, claim.Reclaimed, claim.Messages.Count,
            MorePending: await db.Receipts.AnyAsync(r => r.Status == ReceiptStatus.Pending, cancellationToken),
            Capped: claim.Capped);
        return await FinishUnderFenceAsync(held, attempt.FenceToken, record, result, cancellationToken)
            ? result
            : await LostLockAsync(reason, chainId, cancellationToken);
    }

    private void LogSkipped(SyncPassOutcome outcome, string reason)
    {
        if (outcome == SyncPassOutcome.LockHeldElsewhere)
            logger.LogDebug("Sync pass ({Reason}) skipped: another pass holds {Resource}", reason, bufferLock.Resource);
        else
            logger.LogWarning("Sync pass ({Reason}) skipped: Redis did not answer for lock {Resource}; nothing is dispatched until it does", reason, bufferLock.Resource);
    }

    /// <summary>The pass record, reclaim and claim commit together, or not at all.</summary>
    private async Task<Claim?> ClaimUnderFenceAsync(IRedLock held, long token, SyncPassRecord record, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MayCommitAsync(held, token, cancellationToken)) return null;
        record.StartedAt = clock.GetUtcNow().UtcDateTime;
        db.SyncPasses.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        var reclaimed = await ReclaimExpiredAsync(cancellationToken);
        var room = options.Value.MaxDispatched - await db.Receipts.CountAsync(r => r.Status == ReceiptStatus.Dispatched, cancellationToken);
        var messages = room > 0 ? await ClaimAsync(Math.Min(room, options.Value.BatchSize), cancellationToken) : [];
        if (!held.IsAcquired) return null;
        await transaction.CommitAsync(cancellationToken);
        return new Claim(reclaimed, messages, Capped: room < options.Value.BatchSize);
    }

    private async Task<bool> FinishUnderFenceAsync(IRedLock held, long token, SyncPassRecord record, SyncPassResult result, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MayCommitAsync(held, token, cancellationToken)) return false;
        record.Outcome = result.Outcome.ToString();
        record.Reclaimed = result.Reclaimed;
        record.Claimed = result.Claimed;
        record.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await db.SyncPasses.Where(p => p.StartedAt < record.StartedAt - options.Value.PassHistoryRetention).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Sync pass ({Reason}) dispatched {Claimed} receipts, reclaimed {Reclaimed}{More}",
            record.Reason, result.Claimed, result.Reclaimed, result.MorePending ? "; more are pending" : "");
        return true;
    }

    /// <summary>The lease is still ours, and no holder with a newer fencing token has committed.</summary>
    private async Task<bool> MayCommitAsync(IRedLock held, long token, CancellationToken cancellationToken)
    {
        if (!held.IsAcquired)
        {
            logger.LogError("Sync pass stopped: its lease on {Resource} ran out", bufferLock.Resource);
            return false;
        }

        if (await state.TryFenceAsync(token, cancellationToken)) return true;
        _fencedOut = true;
        logger.LogError("Sync pass refused by the buffer: fencing token {Token} is older than one already committed; its lease ran out while it was paused", token);
        return false;
    }

    /// <summary>After a refused or lease-less commit (its transaction rolled back): count a refusal and record the stop.</summary>
    private async Task<SyncPassResult> LostLockAsync(string reason, Guid? chainId, CancellationToken cancellationToken)
    {
        if (_fencedOut) await state.CountFencingRefusalAsync(cancellationToken);
        return await RecordAsync(new SyncPassResult(SyncPassOutcome.LostLock), reason, chainId, cancellationToken);
    }

    private async Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.ClaimLease;
        // Messages wait unconsumed while delivery is paused; their lease counts from when delivery resumed.
        if (gate.FlowingSince.UtcDateTime > cutoff) return 0;
        var reclaimed = await db.Receipts
            .Where(r => r.Status == ReceiptStatus.Dispatched && r.DispatchedAt < cutoff && (r.LastAttemptAt == null || r.LastAttemptAt < cutoff))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.Pending)
                .SetProperty(r => r.ClaimToken, (Guid?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (reclaimed > 0)
            logger.LogWarning("{Count} receipts were claimed more than {Lease} ago and never attempted; they are Pending again", reclaimed, options.Value.ClaimLease);
        return reclaimed;
    }

    private async Task<List<SendToOfd>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var ids = await PendingClaims.ClaimOldestAsync(db, count, token, now.UtcDateTime, cancellationToken);
        return ids.Select(id => new SendToOfd { ReceiptId = id, ClaimToken = token, DispatchedAt = now }).ToList();
    }

    private Task PublishAsync(List<SendToOfd> messages, CancellationToken cancellationToken) =>
        // A failure here leaves some claims without a message; the claim lease returns them to Pending.
        Task.WhenAll(messages.Select(message => publisher.Publish(message, cancellationToken)));

    /// <summary>Records a request that did not run (skipped, paused, refused) for the pass history.</summary>
    private async Task<SyncPassResult> RecordAsync(SyncPassResult result, string reason, Guid? chainId, CancellationToken cancellationToken)
    {
        await RecordAsync(result.Outcome.ToString(), reason, chainId, cancellationToken);
        return result;
    }

    /// <summary>Records a link of a chain that is no longer live: it schedules nothing, so that chain ends here.</summary>
    public Task RecordSupersededAsync(string reason, Guid chainId, CancellationToken cancellationToken) =>
        RecordAsync("Superseded", reason, chainId, cancellationToken);

    private async Task RecordAsync(string outcome, string reason, Guid? chainId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        db.SyncPasses.Add(new SyncPassRecord { Instance = Instance, Reason = reason, ChainId = chainId, Outcome = outcome, StartedAt = now, FinishedAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record Claim(int Reclaimed, List<SendToOfd> Messages, bool Capped);
}
