using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Buffer;

public static class PendingClaims
{
    /// <summary>
    /// Marks up to <paramref name="count"/> of the oldest Pending receipts Dispatched under <paramref name="token"/>,
    /// inside the caller's transaction, and returns their receiptIds. On PostgreSQL rows another transaction holds are
    /// skipped, so concurrent claimers take disjoint receipts; SQLite has one writer at a time anyway.
    /// </summary>
    public static async Task<List<Guid>> ClaimOldestAsync(BufferDbContext db, int count, Guid token, DateTime now, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE receipts SET "Status" = 'Dispatched', "ClaimToken" = {token}, "DispatchedAt" = {now}, "UpdatedAt" = {now}
                WHERE "Id" IN (SELECT "Id" FROM receipts WHERE "Status" = 'Pending' ORDER BY "Id" LIMIT {count} FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }
        else
        {
            var oldestPending = db.Receipts.Where(r => r.Status == ReceiptStatus.Pending).OrderBy(r => r.Id).Take(count).Select(r => r.Id);
            await db.Receipts
                .Where(r => r.Status == ReceiptStatus.Pending && oldestPending.Contains(r.Id))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Status, ReceiptStatus.Dispatched)
                    .SetProperty(r => r.ClaimToken, token)
                    .SetProperty(r => r.DispatchedAt, now)
                    .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        }

        return await db.Receipts.Where(r => r.ClaimToken == token).OrderBy(r => r.Id).Select(r => r.ReceiptId).ToListAsync(cancellationToken);
    }
}
