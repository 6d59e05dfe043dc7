using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KktMessaging.Tests.Delivery;

/// <summary>MassTransit's in-memory harness over a real in-memory SQLite buffer, with what delivery's consumers need.</summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ReceiptFactory _factory = new(seed: 3);

    private DeliveryHarness(ServiceProvider services, TestBuffer buffer)
    {
        _services = services;
        Buffer = buffer;
        Harness = services.GetRequiredService<ITestHarness>();
    }

    public TestBuffer Buffer { get; }
    public ITestHarness Harness { get; }

    public static async Task<DeliveryHarness> StartAsync(Action<IServiceCollection> configure, Action<IBusRegistrationConfigurator> consumers)
    {
        var buffer = new TestBuffer();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<BufferDbContext, SqliteBufferDbContext>(options => options.UseSqlite(buffer.Connection));
        services.AddScoped<DeliveryStore>();
        configure(services);
        services.AddMassTransitTestHarness(consumers);
        var harness = new DeliveryHarness(services.BuildServiceProvider(validateScopes: true), buffer);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Stores a receipt in <paramref name="status"/> under a fresh claim token.</summary>
    public async Task<(Guid ReceiptId, Guid ClaimToken)> SeedAsync(ReceiptStatus status, bool previousAttempt = false)
    {
        var receipt = _factory.Valid();
        var token = Guid.NewGuid();
        var payload = ReceiptPayload.Serialize(receipt);
        await using var db = Buffer.NewContext();
        db.Receipts.Add(new ReceiptRecord
        {
            ReceiptId = receipt.ReceiptId,
            Status = status,
            Payload = payload,
            PayloadHash = ReceiptPayload.Hash(payload),
            ClaimToken = token,
            DispatchedAt = DateTime.UtcNow,
            Attempts = previousAttempt ? 1 : 0,
            LastAttemptAt = previousAttempt ? DateTime.UtcNow : null,
            DeliveredAt = status == ReceiptStatus.Delivered ? DateTime.UtcNow : null,
            FiscalSign = status == ReceiptStatus.Delivered ? "1" : null,
        });
        await db.SaveChangesAsync();
        return (receipt.ReceiptId, token);
    }

    public async Task<ReceiptRecord> LoadAsync(Guid receiptId)
    {
        await using var db = Buffer.NewContext();
        return await db.Receipts.SingleAsync(r => r.ReceiptId == receiptId);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _services.DisposeAsync();
        Buffer.Dispose();
    }
}
