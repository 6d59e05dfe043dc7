using KktMessaging.Contracts;
using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Ofd;
using MassTransit;
using MassTransit.Events;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KktMessaging.Tests.Delivery;

public sealed class SendToOfdFaultConsumerTests : IAsyncLifetime
{
    private readonly TestBuffer _buffer = new();
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<BufferDbContext>(options => options.UseSqlite(_buffer.Connection));
        services.AddScoped<DeliveryStore>();
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<SendToOfdFaultConsumer>());
        _services = services.BuildServiceProvider(validateScopes: true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    [Fact]
    public async Task When_the_same_fault_arrives_twice_Should_dead_letter_and_announce_once()
    {
        var message = await SeedDispatchedAsync();
        var exception = new OfdDeliveryException(message.ReceiptId, OfdErrorClass.Permanent, "items[0].vat: rate not allowed");

        for (var i = 0; i < 2; i++) await _harness.Bus.Publish<Fault<SendToOfd>>(new { Message = message, Exceptions = new[] { new FaultExceptionInfo(exception) } });
        Assert.Equal(2, await _harness.Consumed.SelectAsync<Fault<SendToOfd>>().Count());
        await _harness.InactivityTask;

        var announced = await _harness.Published.SelectAsync<ReceiptDeadLettered>().ToListAsync();
        var deadLettered = Assert.Single(announced).Context.Message;
        Assert.Equal(("Permanent", 1), (deadLettered.ErrorClass, deadLettered.Attempts));
        Assert.Contains("rate not allowed", deadLettered.Reason);
        await using var db = _buffer.NewContext();
        var stored = await db.Receipts.SingleAsync();
        Assert.Equal((ReceiptStatus.DeadLettered, "Permanent"), (stored.Status, stored.LastErrorClass));
    }

    [Fact]
    public async Task When_a_fault_is_not_an_OFD_answer_Should_class_it_internal()
    {
        var message = await SeedDispatchedAsync();

        await _harness.Bus.Publish<Fault<SendToOfd>>(new { Message = message, Exceptions = new[] { new FaultExceptionInfo(new InvalidOperationException("database is locked")) } });

        Assert.True(await _harness.Published.Any<ReceiptDeadLettered>(m => m.Context.Message.ErrorClass == "Internal"));
    }

    private async Task<SendToOfd> SeedDispatchedAsync()
    {
        var receipt = new ReceiptFactory(seed: 8).Valid();
        var token = Guid.NewGuid();
        var payload = ReceiptPayload.Serialize(receipt);
        await using var db = _buffer.NewContext();
        db.Receipts.Add(new ReceiptRecord
        {
            ReceiptId = receipt.ReceiptId, Status = ReceiptStatus.Dispatched, Payload = payload, PayloadHash = ReceiptPayload.Hash(payload),
            ClaimToken = token, Attempts = 1,
        });
        await db.SaveChangesAsync();
        return new SendToOfd { ReceiptId = receipt.ReceiptId, ClaimToken = token };
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        _buffer.Dispose();
    }
}
