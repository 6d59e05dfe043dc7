using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;

namespace KktMessaging.IntegrationTests.Ingestion;

[Collection(RealStackCollection.Name)]
public sealed class IngestionTests(SharedInfrastructure shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ReceiptFactory _factory = new(seed: 21);

    [Fact]
    public async Task When_the_same_receipt_is_published_three_times_Should_store_and_register_it_once()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Logging__LogLevel__KktMessaging.Service.Ingestion"] = "Debug";
        var service = await stack.StartServiceAsync("service");
        var receipt = _factory.Valid();

        for (var i = 0; i < 3; i++) await stack.Events.PublishAsync(receipt);

        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(receipt.ReceiptId), Patience, "the receipt delivered");
        await Eventually.WaitUntilAsync(() => service.Process.CountLogged("the repeat is ignored") == 2, Patience, "both repeats handled");
        Assert.Equal(1, await stack.Buffer.CountAsync(receipt.ReceiptId));
        Assert.Equal(1, await stack.Ofd.SubmissionsOfAsync(receipt.ReceiptId));
        Assert.Equal(new LedgerSummary(1, 1, 0), await stack.Ofd.LedgerAsync());

        var view = await service.Http.GetFromJsonAsync<JsonElement>($"api/receipts/{receipt.ReceiptId}");
        Assert.Equal("Delivered", view.GetProperty("status").GetString());
        Assert.Equal(stack.Events.Delivered[receipt.ReceiptId].FdNumber, view.GetProperty("fiscal").GetProperty("fdNumber").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Http.GetAsync($"api/receipts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Http.GetAsync("api/receipts/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task When_a_receipt_id_comes_back_with_another_body_Should_refuse_it_and_keep_the_first()
    {
        await using var stack = await Stack.StartAsync(shared);
        var service = await stack.StartServiceAsync("service");
        var first = _factory.Valid();
        var second = first with { ErpRef = "ERP-DIFFERENT", Total = first.Total };

        await stack.Events.PublishAsync(first);
        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(first.ReceiptId), Patience, "the first receipt delivered");
        await stack.Events.PublishAsync(second);

        await Eventually.WaitUntilAsync(() => stack.Events.Rejected.ContainsKey(first.ReceiptId), Patience, "the second body refused");
        var error = stack.Events.Rejected[first.ReceiptId].Single().Errors.Single();
        Assert.Equal(("receiptId", "conflict"), (error.Field, error.Code));
        var stored = await stack.Buffer.ReceiptAsync(first.ReceiptId);
        Assert.Equal("Delivered", stored.Status);
        Assert.Contains(first.ErpRef!, stored.Payload);
        Assert.Equal(1, await stack.Ofd.SubmissionsOfAsync(first.ReceiptId));
        Assert.True(service.Process.Logged($"Receipt {first.ReceiptId} refused: a different receipt with this receiptId is already stored"));
    }

    [Fact]
    public async Task When_invalid_receipts_are_mixed_with_valid_ones_Should_reject_exactly_those_and_deliver_the_rest()
    {
        await using var stack = await Stack.StartAsync(shared);
        var service = await stack.StartServiceAsync("service");
        var invalid = Enumerable.Range(0, 50).Select(i => _factory.Invalid(i)).ToList();
        var valid = Enumerable.Range(0, 150).Select(_ => _factory.Valid()).ToList();
        Assert.Equal(InvalidReceiptRule.All.Count, invalid.Select(i => i.Rule).Distinct().Count());

        await stack.Events.PublishAllAsync(valid.Concat(invalid.Select(i => i.Receipt)).OrderBy(_ => Random.Shared.Next()));

        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.Count == 150 && stack.Events.Rejected.Count == 50, Patience,
            "150 delivered and 50 rejected");
        foreach (var (receipt, rule) in invalid)
        {
            var rejection = stack.Events.Rejected[receipt.ReceiptId].First();
            Assert.True(rejection.Errors.Any(e => e.Field == rule.Field && e.Code == rule.Code),
                $"'{rule.Name}' should be rejected with {rule.Field}:{rule.Code}, got {string.Join(", ", rejection.Errors.Select(e => $"{e.Field}:{e.Code}"))}");
        }

        Assert.All(valid, receipt => Assert.True(stack.Events.Delivered.ContainsKey(receipt.ReceiptId)));
        Assert.Equal((150, 50), (await service.CountAsync("Delivered"), await service.CountAsync("Rejected")));
        Assert.Equal(new LedgerSummary(150, 150, 0), await stack.Ofd.LedgerAsync());
        Assert.Equal(0, await stack.Broker.MessageCountAsync("receipt-created_error"));
        Assert.Equal(0, await stack.Broker.MessageCountAsync("send-to-ofd_error"));
    }

    [Fact]
    public async Task When_a_message_is_not_a_readable_receipt_Should_log_why_set_it_aside_and_keep_consuming()
    {
        await using var stack = await Stack.StartAsync(shared);
        var service = await stack.StartServiceAsync("service");
        var typedWrong = _factory.Valid();
        var json = JsonSerializer.Serialize(typedWrong, JsonSerializerOptions.Web).Replace("\"total\":", "\"total\":\"lots\",\"ignored\":");
        var valid = _factory.Valid();

        await stack.Broker.PublishRawAsync("receipt-created", "{not json at all");
        await stack.Broker.PublishRawAsync("receipt-created", json);
        await stack.Events.PublishAsync(valid);

        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(valid.ReceiptId), Patience, "the valid receipt delivered after the bad ones");
        await Eventually.WaitUntilAsync(() => stack.Events.Rejected.ContainsKey(typedWrong.ReceiptId), Patience, "the unreadable receipt announced as rejected");
        Assert.Equal("malformed", stack.Events.Rejected[typedWrong.ReceiptId].Single().Errors.Single().Code);
        Assert.True(service.Process.Logged("Unreadable message on receipt-created (receiptId unknown"));
        Assert.True(service.Process.Logged($"Unreadable message on receipt-created (receiptId {typedWrong.ReceiptId}"));
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("receipt-created_error") == 2, Patience, "both set aside in receipt-created_error");
        Assert.False(service.Process.HasExited);
    }
}
