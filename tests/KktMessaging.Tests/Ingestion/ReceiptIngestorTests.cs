using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace KktMessaging.Tests.Ingestion;

public sealed class ReceiptIngestorTests : IDisposable
{
    private readonly TestBuffer _buffer = new();
    private readonly ReceiptFactory _factory = new(seed: 11);

    private ReceiptIngestor NewIngestor() => new(_buffer.NewContext(), TimeProvider.System, NullLogger<ReceiptIngestor>.Instance);

    [Fact]
    public async Task When_a_batch_mixes_valid_and_invalid_receipts_Should_store_each_with_its_status()
    {
        var valid = _factory.Valid();
        var (invalid, rule) = _factory.Invalid(0);

        var (rejections, storedPending) = await NewIngestor().StoreAsync([valid, invalid], CancellationToken.None);

        await using var db = _buffer.NewContext();
        var stored = await db.Receipts.ToDictionaryAsync(r => r.ReceiptId);
        Assert.Equal(ReceiptStatus.Pending, stored[valid.ReceiptId].Status);
        Assert.Equal(ReceiptStatus.Rejected, stored[invalid.ReceiptId].Status);
        var rejection = Assert.Single(rejections);
        Assert.Equal(1, storedPending);
        Assert.Equal(invalid.ReceiptId, rejection.ReceiptId);
        Assert.Contains(rejection.Errors, e => e.Field == rule.Field && e.Code == rule.Code);
    }

    [Fact]
    public async Task When_the_same_receipt_arrives_three_times_Should_store_it_once()
    {
        var receipt = _factory.Valid();

        var first = await NewIngestor().StoreAsync([receipt, receipt], CancellationToken.None);
        var (rejections, storedPending) = await NewIngestor().StoreAsync([receipt], CancellationToken.None);

        await using var db = _buffer.NewContext();
        Assert.Equal(1, await db.Receipts.CountAsync(r => r.ReceiptId == receipt.ReceiptId));
        Assert.Equal((1, 0), (first.StoredPending, storedPending));
        Assert.Empty(rejections);
    }

    [Fact]
    public async Task When_the_same_id_arrives_with_another_body_Should_keep_the_first_and_refuse_the_second()
    {
        var first = _factory.Valid();
        var second = first with { ErpRef = "another document" };
        await NewIngestor().StoreAsync([first], CancellationToken.None);

        var rejections = (await NewIngestor().StoreAsync([second], CancellationToken.None)).Rejections;

        var rejection = Assert.Single(rejections);
        Assert.Equal(first.ReceiptId, rejection.ReceiptId);
        Assert.Equal(("receiptId", "conflict"), (rejection.Errors.Single().Field, rejection.Errors.Single().Code));
        await using var db = _buffer.NewContext();
        var stored = await db.Receipts.SingleAsync();
        Assert.Equal(ReceiptPayload.Serialize(first), stored.Payload);
        Assert.Equal(ReceiptStatus.Pending, stored.Status);
    }

    [Fact]
    public async Task When_a_rejected_receipt_is_repeated_Should_announce_the_rejection_again_without_storing_it_twice()
    {
        var (invalid, rule) = _factory.Invalid(3);
        var first = (await NewIngestor().StoreAsync([invalid], CancellationToken.None)).Rejections;

        var again = (await NewIngestor().StoreAsync([invalid], CancellationToken.None)).Rejections;

        Assert.Equal(first.Single().Errors, again.Single().Errors);
        Assert.Contains(again.Single().Errors, e => e.Field == rule.Field && e.Code == rule.Code);
        await using var db = _buffer.NewContext();
        Assert.Equal(1, await db.Receipts.CountAsync());
    }

    [Fact]
    public async Task When_a_receipt_has_no_id_Should_refuse_it_without_storing()
    {
        var receipt = _factory.Valid() with { ReceiptId = Guid.Empty };

        var rejections = (await NewIngestor().StoreAsync([receipt], CancellationToken.None)).Rejections;

        Assert.Contains(rejections.Single().Errors, e => e.Field == "receiptId" && e.Code == "required");
        await using var db = _buffer.NewContext();
        Assert.Equal(0, await db.Receipts.CountAsync());
    }

    [Fact]
    public async Task When_another_process_stores_the_same_receipt_first_Should_keep_its_row_and_succeed()
    {
        var receipt = _factory.Valid();
        var racer = new RacingWriter(_buffer, receipt);
        var options = new DbContextOptionsBuilder<SqliteBufferDbContext>(_buffer.Options).AddInterceptors(racer).Options;
        var ingestor = new ReceiptIngestor(new SqliteBufferDbContext(options), TimeProvider.System, NullLogger<ReceiptIngestor>.Instance);

        var rejections = (await ingestor.StoreAsync([receipt], CancellationToken.None)).Rejections;

        Assert.Empty(rejections);
        Assert.True(racer.Raced);
        await using var db = _buffer.NewContext();
        Assert.Equal(1, await db.Receipts.CountAsync());
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>Stores the receipt through another context just before the ingestor's first save, as a second process would.</summary>
    private sealed class RacingWriter(TestBuffer buffer, KktMessaging.Contracts.ReceiptCreated receipt) : SaveChangesInterceptor
    {
        public bool Raced { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Raced)
            {
                Raced = true;
                await new ReceiptIngestor(buffer.NewContext(), TimeProvider.System, NullLogger<ReceiptIngestor>.Instance)
                    .StoreAsync([receipt], cancellationToken);
            }

            return result;
        }
    }
}
