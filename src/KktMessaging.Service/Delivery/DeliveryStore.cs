using KktMessaging.Service.Buffer;
using KktMessaging.Service.Ofd;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Delivery;

/// <summary>The buffer as delivery sees it. Every change is conditional, so a stale message changes nothing.</summary>
public sealed class DeliveryStore(BufferDbContext db, TimeProvider clock)
{
    public Task<ReceiptRecord?> FindAsync(Guid receiptId, CancellationToken cancellationToken) =>
        db.Receipts.AsNoTracking().SingleOrDefaultAsync(r => r.ReceiptId == receiptId, cancellationToken);

    /// <summary>
    /// Records the start of an attempt before the OFD is called, so that if this process dies mid-call, the
    /// next attempt knows the outcome is unknown. A replayed DeadLettered receipt is Dispatched again.
    /// False when the claim moved on (the message is stale).
    /// </summary>
    public async Task<bool> TryStartAttemptAsync(Guid receiptId, Guid claimToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Receipts
            .Where(r => r.ReceiptId == receiptId && r.ClaimToken == claimToken
                && (r.Status == ReceiptStatus.Dispatched || r.Status == ReceiptStatus.DeadLettered))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.Dispatched)
                .SetProperty(r => r.DeadLetteredAt, (DateTime?)null)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.LastAttemptAt, now)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        return updated == 1;
    }

    public async Task RecordFailureAsync(Guid receiptId, string errorClass, string error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Receipts
            .Where(r => r.ReceiptId == receiptId && r.Status != ReceiptStatus.Delivered)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.LastError, error)
                .SetProperty(r => r.LastErrorClass, errorClass)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
    }

    /// <returns>When the receipt became Delivered.</returns>
    public async Task<DateTimeOffset> MarkDeliveredAsync(Guid receiptId, FiscalAttributes fiscal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Receipts
            .Where(r => r.ReceiptId == receiptId && r.Status != ReceiptStatus.Delivered)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.Delivered)
                .SetProperty(r => r.DeliveredAt, now.UtcDateTime)
                .SetProperty(r => r.DeadLetteredAt, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now.UtcDateTime)
                .SetProperty(r => r.FiscalSign, fiscal.FiscalSign)
                .SetProperty(r => r.FdNumber, fiscal.FdNumber)
                .SetProperty(r => r.FnNumber, fiscal.FnNumber)
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.LastErrorClass, (string?)null), cancellationToken);
        return now;
    }

    /// <summary>
    /// Marks the receipt DeadLettered once, for the claim its faulted message carried. A second fault for the same
    /// message, or a fault for a receipt delivered or claimed anew since, changes nothing.
    /// </summary>
    /// <returns>The receipt as dead-lettered, or null when nothing changed.</returns>
    public async Task<ReceiptRecord?> MarkDeadLetteredAsync(
        Guid receiptId, Guid claimToken, string errorClass, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Receipts
            .Where(r => r.ReceiptId == receiptId && r.ClaimToken == claimToken && r.Status == ReceiptStatus.Dispatched)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.DeadLettered)
                .SetProperty(r => r.DeadLetteredAt, now)
                .SetProperty(r => r.LastError, reason)
                .SetProperty(r => r.LastErrorClass, errorClass)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        return updated == 1 ? await FindAsync(receiptId, cancellationToken) : null;
    }
}
