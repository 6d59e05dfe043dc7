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
    private DeliveryHarness _delivery = null!;

    private ITestHarness Harness => _delivery.Harness;

    public async Task InitializeAsync() => _delivery = await DeliveryHarness.StartAsync(_ => { }, bus => bus.AddConsumer<SendToOfdFaultConsumer>());
    [Fact]
    public async Task When_the_same_fault_arrives_twice_Should_dead_letter_and_announce_once()
    {
        var message = await SeedDispatchedAsync();
        var exception = new OfdDeliveryException(message.ReceiptId, OfdErrorClass.Permanent, "items[0].vat: rate not allowed");

        for (var i = 0; i < 2; i++) await Harness.Bus.Publish<Fault<SendToOfd>>(new { Message = message, Exceptions = new[] { new FaultExceptionInfo(exception) } });
        Assert.Equal(2, await Harness.Consumed.SelectAsync<Fault<SendToOfd>>().Count());
        await Harness.InactivityTask;

        var announced = await Harness.Published.SelectAsync<ReceiptDeadLettered>().ToListAsync();
        var deadLettered = Assert.Single(announced).Context.Message;
        Assert.Equal(("Permanent", 1), (deadLettered.ErrorClass, deadLettered.Attempts));
        Assert.Contains("rate not allowed", deadLettered.Reason);
        await using var db = _delivery.Buffer.NewContext();
        var stored = await db.Receipts.SingleAsync();
        Assert.Equal((ReceiptStatus.DeadLettered, "Permanent"), (stored.Status, stored.LastErrorClass));
    }

    [Fact]
    public async Task When_a_fault_is_not_an_OFD_answer_Should_class_it_internal()
    {
        var message = await SeedDispatchedAsync();

        await Harness.Bus.Publish<Fault<SendToOfd>>(new { Message = message, Exceptions = new[] { new FaultExceptionInfo(new InvalidOperationException("database is locked")) } });

        Assert.True(await Harness.Published.Any<ReceiptDeadLettered>(m => m.Context.Message.ErrorClass == "Internal"));
    }

    private async Task<SendToOfd> SeedDispatchedAsync()
    {
        var (receiptId, token) = await _delivery.SeedAsync(ReceiptStatus.Dispatched, previousAttempt: true);
        return new SendToOfd { ReceiptId = receiptId, ClaimToken = token };
    }

    public async Task DisposeAsync() => await _delivery.DisposeAsync();
}
