using System.Net.Http.Json;
using System.Text.Json;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;

namespace KktMessaging.IntegrationTests.Delivery;

[Collection(RealStackCollection.Name)]
public sealed class RedeliveryTests(SharedInfrastructure shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ReceiptFactory _factory = new(seed: 33);

    [Fact]
    public async Task When_the_OFD_fails_a_few_times_Should_redeliver_along_the_ladder_then_deliver_once()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Delivery__RedeliveryLimit"] = "5";
        stack.Settings["Delivery__RedeliveryInitialInterval"] = "00:00:00.500";
        stack.Settings["Delivery__RedeliveryMaxInterval"] = "00:00:04";
        var service = await stack.StartServiceAsync("service");
        await stack.Ofd.SetFaultsAsync(new { failNext = 3, failNextStatus = 500 });
        var receipt = _factory.Valid();

        await stack.Events.PublishAsync(receipt);

        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(receipt.ReceiptId), Patience, "the receipt delivered");
        var calls = await stack.Ofd.CallsOfAsync(receipt.ReceiptId);
        // An attempt starts with the first call, or with the call after a failed one.
        var attemptStarts = calls.Where((call, i) => i == 0 || calls[i - 1].Status >= 500).Select(call => call.At).ToList();
        var gaps = attemptStarts.Zip(attemptStarts.Skip(1), (earlier, later) => (later - earlier).TotalSeconds).ToList();
        Assert.Equal(4, attemptStarts.Count);
        Assert.Collection(gaps,
            gap => Assert.InRange(gap, 0.5, 1.2),
            gap => Assert.InRange(gap, 1.0, 1.7),
            gap => Assert.InRange(gap, 2.0, 2.7));
        Assert.Equal(["POST:500", "GET:500", "GET:500", "GET:404", "POST:201"], calls.Select(call => $"{call.Method}:{call.Status}"));
        Assert.Equal(new LedgerSummary(1, 2, 0), await stack.Ofd.LedgerAsync());
        Assert.Equal(4, (await stack.Buffer.ReceiptAsync(receipt.ReceiptId)).Attempts);
    }

    [Fact]
    public async Task When_the_OFD_asks_to_retry_after_a_while_Should_wait_at_least_that_long()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Delivery__RedeliveryLimit"] = "5";
        stack.Settings["Delivery__RedeliveryMaxInterval"] = "00:00:02";
        await stack.StartServiceAsync("service");
        await stack.Ofd.SetFaultsAsync(new { failNext = 2, failNextStatus = 429, retryAfterSeconds = 1 });
        var receipt = _factory.Valid();

        await stack.Events.PublishAsync(receipt);

        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(receipt.ReceiptId), Patience, "the receipt delivered");
        var calls = await stack.Ofd.CallsOfAsync(receipt.ReceiptId);
        Assert.Equal(["POST:429", "GET:429", "GET:404", "POST:201"], calls.Select(call => $"{call.Method}:{call.Status}"));
        // The ladder says 0.2 s and 0.4 s; Retry-After: 1 makes both waits at least a second (the next level up).
        Assert.InRange((calls[1].At - calls[0].At).TotalSeconds, 1.0, 2.3);
        Assert.InRange((calls[2].At - calls[1].At).TotalSeconds, 1.0, 2.3);
    }

    [Fact]
    public async Task When_the_OFD_always_fails_transiently_Should_dead_letter_after_exactly_the_configured_redeliveries()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Circuit__FailureThreshold"] = "1000";
        var service = await stack.StartServiceAsync("service");
        var receipt = _factory.Valid();
        await stack.Ofd.SetFaultsAsync(new { transientIds = new[] { receipt.ReceiptId }, errorStatus = 503, retryAfterSeconds = 0 });

        await stack.Events.PublishAsync(receipt);

        await Eventually.WaitUntilAsync(() => stack.Events.DeadLettered.ContainsKey(receipt.ReceiptId), Patience, "the receipt dead-lettered");
        var deadLettered = stack.Events.DeadLettered[receipt.ReceiptId].Single();
        Assert.Equal(("Transient", 4), (deadLettered.ErrorClass, deadLettered.Attempts));
        Assert.Contains("503", deadLettered.Reason);
        Assert.Equal(4, (await stack.Ofd.CallsOfAsync(receipt.ReceiptId)).Count);
        var stored = await stack.Buffer.ReceiptAsync(receipt.ReceiptId);
        Assert.Equal(("DeadLettered", 4), (stored.Status, stored.Attempts));
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("send-to-ofd_error") == 1, Patience, "the message in send-to-ofd_error");
        var headers = (await stack.Broker.PeekAsync("send-to-ofd_error", 1)).Single().GetProperty("properties").GetProperty("headers");
        Assert.Equal(3, headers.GetProperty("MT-Redelivery-Count").GetInt32());
        var view = await service.Http.GetFromJsonAsync<JsonElement>($"api/receipts/{receipt.ReceiptId}");
        Assert.Equal("DeadLettered", view.GetProperty("status").GetString());
        Assert.Contains("simulated failure 503", view.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task When_the_OFD_refuses_the_document_Should_dead_letter_it_at_once_with_the_OFD_text()
    {
        await using var stack = await Stack.StartAsync(shared);
        await stack.StartServiceAsync("service");
        var receipt = _factory.Valid();
        await stack.Ofd.SetFaultsAsync(new { permanentIds = new[] { receipt.ReceiptId } });

        await stack.Events.PublishAsync(receipt);

        await Eventually.WaitUntilAsync(() => stack.Events.DeadLettered.ContainsKey(receipt.ReceiptId), Patience, "the receipt dead-lettered");
        var deadLettered = stack.Events.DeadLettered[receipt.ReceiptId].Single();
        Assert.Equal(("Permanent", 1), (deadLettered.ErrorClass, deadLettered.Attempts));
        Assert.Contains("the document is refused", deadLettered.Reason);
        Assert.Single(await stack.Ofd.CallsOfAsync(receipt.ReceiptId));
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("send-to-ofd_error") == 1, Patience, "the message in send-to-ofd_error");
        var headers = (await stack.Broker.PeekAsync("send-to-ofd_error", 1)).Single().GetProperty("properties").GetProperty("headers");
        Assert.False(headers.TryGetProperty("MT-Redelivery-Count", out _));
        Assert.Contains("the document is refused", headers.GetProperty("MT-Fault-Message").GetString());
    }
}
