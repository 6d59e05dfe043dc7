using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KktMessaging.IntegrationTests.Buffer;

/// <summary>The buffer's rules on each provider, against a real SQLite file and a real PostgreSQL database.</summary>
[Collection(RealStackCollection.Name)]
public sealed class BufferProviderTests(SharedInfrastructure shared)
{
    private readonly ReceiptFactory _factory = new(seed: 99);

    [Theory]
    [InlineData(BufferProvider.Sqlite)]
    [InlineData(BufferProvider.Postgres)]
    public async Task When_receipts_repeat_conflict_and_race_Should_store_each_receiptId_once(BufferProvider provider)
    {
        await using var buffer = await MigratedAsync(provider);
        var receipt = _factory.Valid();
        var invalid = _factory.Invalid(4).Receipt;

        var first = await IngestAsync(buffer, [receipt, receipt, invalid]);
        var conflict = await IngestAsync(buffer, [receipt with { ErpRef = "changed" }]);
        // Two processes storing the same new receipts at once: one insert wins, the other sees it and stores nothing.
        var racing = Enumerable.Range(0, 20).Select(_ => _factory.Valid()).ToList();
        await Task.WhenAll(IngestAsync(buffer, racing), IngestAsync(buffer, racing));

        Assert.Equal((1, 1), (first.StoredPending, first.Rejections.Count));
        Assert.Equal("conflict", conflict.Rejections.Single().Errors.Single().Code);
        await using var db = buffer.Reader.NewContext();
        Assert.Equal(22, await db.Receipts.CountAsync());
        Assert.Equal(1, await db.Receipts.CountAsync(r => r.Status == ReceiptStatus.Rejected));
    }

    [Theory]
    [InlineData(BufferProvider.Sqlite)]
    [InlineData(BufferProvider.Postgres)]
    public async Task When_delivery_changes_a_receipt_Should_change_it_only_for_the_current_claim_and_once(BufferProvider provider)
    {
        await using var buffer = await MigratedAsync(provider);
        var receipt = _factory.Valid();
        await IngestAsync(buffer, [receipt]);
        var token = Guid.NewGuid();
        await using (var db = buffer.Reader.NewContext())
            Assert.Single(await PendingClaims.ClaimOldestAsync(db, 10, token, DateTime.UtcNow, CancellationToken.None));

        await using (var db = buffer.Reader.NewContext())
        {
            var store = new DeliveryStore(db, TimeProvider.System);
            Assert.False(await store.TryStartAttemptAsync(receipt.ReceiptId, Guid.NewGuid(), CancellationToken.None));
            Assert.True(await store.TryStartAttemptAsync(receipt.ReceiptId, token, CancellationToken.None));
            Assert.NotNull(await store.MarkDeadLetteredAsync(receipt.ReceiptId, token, "Permanent", "refused", CancellationToken.None));
            Assert.Null(await store.MarkDeadLetteredAsync(receipt.ReceiptId, token, "Permanent", "refused", CancellationToken.None));
            Assert.True(await store.TryStartAttemptAsync(receipt.ReceiptId, token, CancellationToken.None));
        }

        var stored = await buffer.Reader.ReceiptAsync(receipt.ReceiptId);
        Assert.Equal(("Dispatched", 2), (stored.Status, stored.Attempts));
    }

    [Fact]
    public async Task When_two_transactions_claim_at_once_on_PostgreSQL_Should_take_disjoint_receipts_without_waiting()
    {
        await using var buffer = await MigratedAsync(BufferProvider.Postgres);
        await IngestAsync(buffer, Enumerable.Range(0, 10).Select(_ => _factory.Valid()).ToList());
        await using var first = buffer.Reader.NewContext();
        await using var second = buffer.Reader.NewContext();

        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        var firstClaim = await PendingClaims.ClaimOldestAsync(first, 6, Guid.NewGuid(), DateTime.UtcNow, CancellationToken.None);
        await using var secondTransaction = await second.Database.BeginTransactionAsync();
        var secondClaim = await PendingClaims.ClaimOldestAsync(second, 6, Guid.NewGuid(), DateTime.UtcNow, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        await firstTransaction.CommitAsync();
        await secondTransaction.CommitAsync();

        Assert.Equal((6, 4), (firstClaim.Count, secondClaim.Count));
        Assert.Empty(firstClaim.Intersect(secondClaim));
    }

    private async Task<TestBuffer> MigratedAsync(BufferProvider provider)
    {
        var buffer = await TestBuffer.CreateAsync(provider, shared.RunDirectory);
        await using var db = buffer.Reader.NewContext();
        await db.Database.MigrateAsync();
        return buffer;
    }

    private static async Task<IngestionResult> IngestAsync(TestBuffer buffer, IReadOnlyList<KktMessaging.Contracts.ReceiptCreated> receipts)
    {
        await using var db = buffer.Reader.NewContext();
        return await new ReceiptIngestor(db, TimeProvider.System, NullLogger<ReceiptIngestor>.Instance).StoreAsync(receipts, CancellationToken.None);
    }
}
