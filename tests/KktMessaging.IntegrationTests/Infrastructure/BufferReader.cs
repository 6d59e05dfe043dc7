using KktMessaging.Service.Buffer;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>Reads a service's buffer directly, on either provider, to check what the API does not show.</summary>
public sealed class BufferReader(BufferProvider provider, string connectionString)
{
    public BufferProvider Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;

    /// <summary>A context of the service's own, for this buffer's provider.</summary>
    public BufferDbContext NewContext() => Provider == BufferProvider.Postgres
        ? new PostgresBufferDbContext(new DbContextOptionsBuilder<PostgresBufferDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqliteBufferDbContext(new DbContextOptionsBuilder<SqliteBufferDbContext>().UseSqlite(ConnectionString).Options);

    public async Task<IReadOnlyList<SyncPassRow>> SyncPassesAsync()
    {
        await using var db = NewContext();
        return await db.SyncPasses.AsNoTracking().OrderBy(p => p.StartedAt)
            .Select(p => new SyncPassRow(p.Instance, p.StartedAt, p.FinishedAt, p.Claimed, p.Outcome, p.Reason, p.ChainId))
            .ToListAsync();
    }

    public async Task<(string Status, string Payload, int Attempts)> ReceiptAsync(Guid receiptId)
    {
        await using var db = NewContext();
        var receipt = await db.Receipts.AsNoTracking().SingleAsync(r => r.ReceiptId == receiptId);
        return (receipt.Status.ToString(), receipt.Payload, receipt.Attempts);
    }

    public async Task<long> CountAsync(Guid receiptId)
    {
        await using var db = NewContext();
        return await db.Receipts.LongCountAsync(r => r.ReceiptId == receiptId);
    }

    public async Task<(long FenceToken, long FencingRefusals, Guid ChainId)> SyncStateAsync()
    {
        await using var db = NewContext();
        var state = await db.SyncState.AsNoTracking().SingleAsync();
        return (state.FenceToken, state.FencingRefusals, state.ChainId);
    }
}

/// <param name="Outcome">Ran for a pass that held the lock; otherwise why it did not run.</param>
public sealed record SyncPassRow(string Instance, DateTime StartedAt, DateTime? FinishedAt, int Claimed, string Outcome, string Reason, Guid? ChainId)
{
    public bool Ran => Outcome == "Ran";
}
