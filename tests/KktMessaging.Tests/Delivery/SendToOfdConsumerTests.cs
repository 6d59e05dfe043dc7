using System.Net;
using KktMessaging.Contracts;
using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Messaging;
using KktMessaging.Service.Ofd;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KktMessaging.Tests.Delivery;

public sealed class SendToOfdConsumerTests : IAsyncLifetime
{
    private readonly StubOfd _ofd = new();
    private DeliveryHarness _delivery = null!;

    private ITestHarness Harness => _delivery.Harness;

    public async Task InitializeAsync() => _delivery = await DeliveryHarness.StartAsync(services =>
    {
        services.AddHttpClient<OfdClient>(http => http.BaseAddress = new Uri("http://ofd.test/")).ConfigurePrimaryHttpMessageHandler(() => _ofd);
        services.AddSingleton<OfdCircuit>();
        services.AddSingleton<DeliveryGate>();
        services.AddSingleton(new DelayLevels([TimeSpan.FromSeconds(1)], QueueType.Classic));
        services.AddSingleton<DelayTopology>();
        services.AddSingleton<DelayedForwarder>();
    }, // The consumer's own logic, one attempt per message: redelivery through the broker is an integration concern.
    bus => bus.AddConsumer<SendToOfdConsumer>());
    [Fact]
    public async Task When_the_claim_is_current_Should_register_once_with_the_receipt_id_as_key_and_mark_it_delivered()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Dispatched);

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.Equal(["POST /api/v1/receipts"], _ofd.Calls);
        Assert.Equal([receiptId.ToString()], _ofd.IdempotencyKeys);
        var stored = await LoadAsync(receiptId);
        Assert.Equal((ReceiptStatus.Delivered, "1234567890", 42L, 1), (stored.Status, stored.FiscalSign, stored.FdNumber!.Value, stored.Attempts));
        Assert.True(await Harness.Published.Any<ReceiptDelivered>(m => m.Context.Message.ReceiptId == receiptId && m.Context.Message.FdNumber == 42));
    }

    [Fact]
    public async Task When_the_OFD_answers_409_for_a_known_key_Should_take_the_original_attributes()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Dispatched);
        _ofd.Answer = _ => StubOfd.Registered(HttpStatusCode.Conflict);

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.Equal(ReceiptStatus.Delivered, (await LoadAsync(receiptId)).Status);
    }

    [Fact]
    public async Task When_the_receipt_is_already_delivered_Should_not_call_the_OFD()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Delivered);

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.Empty(_ofd.Calls);
        Assert.True(await Harness.Published.Any<ReceiptDelivered>(m => m.Context.Message.ReceiptId == receiptId));
    }

    [Fact]
    public async Task When_the_message_carries_an_old_claim_Should_ignore_it()
    {
        var (receiptId, _) = await SeedAsync(ReceiptStatus.Dispatched);

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = Guid.NewGuid() });

        Assert.Empty(_ofd.Calls);
        var stored = await LoadAsync(receiptId);
        Assert.Equal((ReceiptStatus.Dispatched, 0), (stored.Status, stored.Attempts));
    }

    [Fact]
    public async Task When_an_earlier_attempt_may_have_reached_the_OFD_Should_ask_before_sending_again()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Dispatched, previousAttempt: true);
        _ofd.Answer = request => request.Method == HttpMethod.Get ? StubOfd.Registered(HttpStatusCode.OK) : StubOfd.Error(HttpStatusCode.InternalServerError, "must not POST");

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.Equal([$"GET /api/v1/receipts/{receiptId}"], _ofd.Calls);
        Assert.Equal(ReceiptStatus.Delivered, (await LoadAsync(receiptId)).Status);
    }

    [Fact]
    public async Task When_the_OFD_fails_transiently_Should_record_the_failure_with_its_class_and_Retry_After()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Dispatched);
        _ofd.Answer = _ =>
        {
            var response = StubOfd.Error(HttpStatusCode.ServiceUnavailable, "maintenance");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        };

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        var fault = (await Harness.Published.SelectAsync<Fault<SendToOfd>>().First()).Context.Message;
        Assert.Equal("Transient", fault.Exceptions.Single().Data![OfdDeliveryException.ErrorClassKey].ToString());
        var stored = await LoadAsync(receiptId);
        Assert.Equal((ReceiptStatus.Dispatched, 1, "Transient"), (stored.Status, stored.Attempts, stored.LastErrorClass));
        Assert.Contains("maintenance", stored.LastError);
    }

    [Fact]
    public async Task When_an_earlier_attempt_failed_and_the_OFD_does_not_have_the_receipt_Should_send_it()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Dispatched, previousAttempt: true);
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.NotFound), StubOfd.Registered(HttpStatusCode.Created)]);
        _ofd.Answer = _ => answers.Dequeue();

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.Equal([$"GET /api/v1/receipts/{receiptId}", "POST /api/v1/receipts"], _ofd.Calls);
        Assert.Equal(ReceiptStatus.Delivered, (await LoadAsync(receiptId)).Status);
    }

    [Fact]
    public async Task When_a_dead_lettered_receipt_is_replayed_Should_deliver_it()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.DeadLettered);

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.Equal(ReceiptStatus.Delivered, (await LoadAsync(receiptId)).Status);
    }

    [Fact]
    public async Task When_the_OFD_refuses_the_document_Should_fault_without_retrying_and_keep_the_OFD_text()
    {
        var (receiptId, token) = await SeedAsync(ReceiptStatus.Dispatched);
        _ofd.Answer = _ => StubOfd.Error(HttpStatusCode.BadRequest, "{\"errors\":[\"items[0].vat: rate not allowed\"]}");

        await ConsumeAsync(new SendToOfd { ReceiptId = receiptId, ClaimToken = token });

        Assert.True(await Harness.Published.Any<Fault<SendToOfd>>());
        Assert.Single(_ofd.Calls);
        var stored = await LoadAsync(receiptId);
        Assert.Contains("rate not allowed", stored.LastError);
        Assert.Equal(1, stored.Attempts);
    }

    private async Task ConsumeAsync(SendToOfd message)
    {
        await Harness.Bus.Publish(message);
        Assert.True(await Harness.Consumed.Any<SendToOfd>(m => m.Context.Message.ReceiptId == message.ReceiptId));
        await Harness.InactivityTask;
    }

    private Task<(Guid ReceiptId, Guid ClaimToken)> SeedAsync(ReceiptStatus status, bool previousAttempt = false) =>
        _delivery.SeedAsync(status, previousAttempt);

    private Task<ReceiptRecord> LoadAsync(Guid receiptId) => _delivery.LoadAsync(receiptId);

    public async Task DisposeAsync() => await _delivery.DisposeAsync();
}
