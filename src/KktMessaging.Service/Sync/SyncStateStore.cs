using KktMessaging.Service.Buffer;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Sync;

/// <summary>The buffer's sync state row. Every change is one conditional statement, safe between processes.</summary>
public sealed class SyncStateStore(BufferDbContext db)
{
    private const int Id = SyncStateRecord.SingletonId;

    public Task<SyncStateRecord> LoadAsync(CancellationToken cancellationToken) =>
        db.SyncState.AsNoTracking().SingleAsync(s => s.Id == Id, cancellationToken);

    /// <summary>
    /// Inside the caller's transaction: raises the highest fencing token to <paramref name="token"/>. False when a
    /// holder with a newer token has committed already: the caller's lease ran out and it must not commit.
    /// </summary>
    public async Task<bool> TryFenceAsync(long token, CancellationToken cancellationToken) =>
        await db.SyncState
            .Where(s => s.Id == Id && s.FenceToken <= token)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FenceToken, token), cancellationToken) == 1;

    public Task CountFencingRefusalAsync(CancellationToken cancellationToken) =>
        db.SyncState.Where(s => s.Id == Id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FencingRefusals, s => s.FencingRefusals + 1), cancellationToken);

    /// <summary>Records the live chain's next link; false when another chain took over meanwhile.</summary>
    public async Task<bool> AdvanceChainAsync(Guid chainId, DateTime nextLinkDueAt, int backoffStep, CancellationToken cancellationToken) =>
        await db.SyncState
            .Where(s => s.Id == Id && s.ChainId == chainId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.NextLinkDueAt, nextLinkDueAt)
                .SetProperty(s => s.BackoffStep, backoffStep), cancellationToken) == 1;

    /// <summary>
    /// Replaces a chain whose next link is overdue since before <paramref name="overdueSince"/> with a new one.
    /// Of several processes trying at once, one wins; the others get null.
    /// </summary>
    public async Task<Guid?> TryReviveChainAsync(DateTime overdueSince, DateTime now, CancellationToken cancellationToken)
    {
        var state = await LoadAsync(cancellationToken);
        if (state.NextLinkDueAt >= overdueSince) return null;
        var chainId = Guid.NewGuid();
        var won = await db.SyncState
            .Where(s => s.Id == Id && s.ChainId == state.ChainId && s.NextLinkDueAt < overdueSince)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.ChainId, chainId)
                .SetProperty(s => s.NextLinkDueAt, now)
                .SetProperty(s => s.BackoffStep, 0), cancellationToken) == 1;
        return won ? chainId : null;
    }
}
