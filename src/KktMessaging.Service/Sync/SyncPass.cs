using KktMessaging.Contracts;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Locking;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Sync;

/// <summary>
/// One sync pass: under the buffer lock, return expired claims to Pending, claim the oldest Pending receipts
/// and publish one SendToOfd for each. Without the lock nothing is claimed, whatever the reason; while delivery
/// is paused nothing is dispatched, so no receipt spends its budget on an outage.
/// </summary>
public sealed class SyncPass(
    BufferLock bufferLock,
    DeliveryGate gate,
    BufferDbContext db,
    IPublishEndpoint publisher,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<SyncPass> logger)
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<SyncPassResult> RunAsync(string reason, CancellationToken cancellationToken)
    {
        if (gate.PauseReason is { } pause)
        {
            logger.LogInformation("Sync pass ({Reason}) dispatches nothing: delivery is paused, {Pause}", reason, pause);
            return new SyncPassResult(SyncPassOutcome.DeliveryPaused, Reason: pause);
        }

        var attempt = await bufferLock.TryAcquireAsync();
        if (attempt.Lock is null)
        {
            LogSkipped(attempt.Status, reason);
            return new SyncPassResult(attempt.Status == LockAttemptStatus.HeldElsewhere ? SyncPassOutcome.LockHeldElsewhere : SyncPassOutcome.LockUnavailable);
        }

        await using var held = attempt.Lock;
        var record = await StartRecordAsync(reason, cancellationToken);
        var reclaimed = await ReclaimExpiredAsync(cancellationToken);
        var claimed = held.IsAcquired ? await ClaimAsync(cancellationToken) : [];
        await PublishAsync(claimed, cancellationToken);
        await FinishRecordAsync(record, reclaimed, claimed.Count, cancellationToken);

        if (claimed.Count == options.Value.BatchSize)
            await publisher.Publish(new SyncBatchRequested { RequestedAt = clock.GetUtcNow(), Reason = SyncReasons.Drain }, cancellationToken);
        return new SyncPassResult(SyncPassOutcome.Ran, reclaimed, claimed.Count);
    }

    private void LogSkipped(LockAttemptStatus status, string reason)
    {
        if (status == LockAttemptStatus.HeldElsewhere)
            logger.LogDebug("Sync pass ({Reason}) skipped: another pass holds {Resource}", reason, bufferLock.Resource);
        else
            logger.LogWarning("Sync pass ({Reason}) skipped: Redis did not answer for lock {Resource}; nothing is dispatched until it does", reason, bufferLock.Resource);
    }

    private async Task<SyncPassRecord> StartRecordAsync(string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new SyncPassRecord { Instance = Instance, Reason = reason, StartedAt = now };
        db.SyncPasses.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await db.SyncPasses.Where(p => p.StartedAt < now - options.Value.PassHistoryRetention).ExecuteDeleteAsync(cancellationToken);
        return record;
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

    private async Task<List<SendToOfd>> ClaimAsync(CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var oldestPending = db.Receipts
            .Where(r => r.Status == ReceiptStatus.Pending)
            .OrderBy(r => r.Id)
            .Take(options.Value.BatchSize)
            .Select(r => r.Id);
        await db.Receipts
            .Where(r => r.Status == ReceiptStatus.Pending && oldestPending.Contains(r.Id))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.Dispatched)
                .SetProperty(r => r.ClaimToken, token)
                .SetProperty(r => r.DispatchedAt, now.UtcDateTime)
                .SetProperty(r => r.UpdatedAt, now.UtcDateTime), cancellationToken);
        var ids = await db.Receipts.Where(r => r.ClaimToken == token).Select(r => r.ReceiptId).ToListAsync(cancellationToken);
        return ids.Select(id => new SendToOfd { ReceiptId = id, ClaimToken = token, DispatchedAt = now }).ToList();
    }

    private Task PublishAsync(List<SendToOfd> messages, CancellationToken cancellationToken) =>
        // A failure here leaves some claims without a message; the claim lease returns them to Pending.
        Task.WhenAll(messages.Select(message => publisher.Publish(message, cancellationToken)));

    private async Task FinishRecordAsync(SyncPassRecord record, int reclaimed, int claimed, CancellationToken cancellationToken)
    {
        record.Reclaimed = reclaimed;
        record.Claimed = claimed;
        record.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sync pass ({Reason}) dispatched {Claimed} receipts, reclaimed {Reclaimed}", record.Reason, claimed, reclaimed);
    }
}
