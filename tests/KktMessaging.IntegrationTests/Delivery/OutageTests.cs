using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;

namespace KktMessaging.IntegrationTests.Delivery;

[Collection(RealStackCollection.Name)]
public sealed class OutageTests(SharedInfrastructure shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly ReceiptFactory _factory = new(seed: 44);

    [Fact]
    public async Task When_the_OFD_is_down_longer_than_the_whole_ladder_Should_pause_probe_once_per_break_and_deliver_everything()
    {
        await using var stack = await Stack.StartAsync(shared);
        var service = await stack.StartServiceAsync("service");
        await stack.Ofd.SetFaultsAsync(new { outage = true, retryAfterSeconds = 0 });
        var receipts = Enumerable.Range(0, 500).Select(_ => _factory.Valid()).ToList();

        await stack.Events.PublishAllAsync(receipts);
        var openedAt = await WaitForOpenCircuitAsync(service);
        // The ladder (0.2 + 0.4 + 0.8 s) is long spent once the OFD has seen four probes, one per 1 s break.
        await Eventually.WaitUntilAsync(async () => (await CallsAfterAsync(stack, openedAt)).Count >= 4, Patience, "four probes during the outage");
        var status = await service.BufferStatusAsync();
        Assert.Equal(0, status.GetProperty("counts").GetProperty("DeadLettered").GetInt32());
        Assert.Contains("circuit is open", status.GetProperty("deliveryPausedReason").GetString());
        using (var ready = await service.Http.GetAsync("health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var delivery = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("delivery");
            Assert.Equal("Degraded", delivery.GetProperty("status").GetString());
        }

        await stack.Ofd.SetFaultsAsync(new { });
        var recoveredAt = DateTimeOffset.UtcNow;

        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 500, Patience, "every receipt delivered after the outage");
        Assert.Equal(0, await service.CountAsync("DeadLettered"));
        Assert.Equal((500, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
        var probes = (await CallsAfterAsync(stack, openedAt)).Where(call => call.At < recoveredAt && call.Status != 201).ToList();
        var windows = (recoveredAt - openedAt).TotalSeconds / 1.0;
        Assert.InRange(probes.Count, 1, (int)Math.Ceiling(windows) + 1);
        Assert.All(probes.Zip(probes.Skip(1)), pair => Assert.True((pair.Second.At - pair.First.At).TotalSeconds >= 0.9,
            $"two probes {pair.First.At:O} and {pair.Second.At:O} in one break"));
        Assert.Equal(0, await stack.Broker.MessageCountAsync("send-to-ofd_error"));
    }

    [Fact]
    public async Task When_the_OFD_refuses_our_credentials_Should_pause_without_spending_budgets_say_why_and_resume()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Delivery__ConcurrencyLimit"] = "2";
        var service = await stack.StartServiceAsync("service");
        await stack.Ofd.SetFaultsAsync(new { failNext = 5, failNextStatus = 401 });
        var receipts = Enumerable.Range(0, 20).Select(_ => _factory.Valid()).ToList();

        await stack.Events.PublishAllAsync(receipts);

        await Eventually.WaitUntilAsync(async () =>
        {
            using var ready = await service.Http.GetAsync("health/ready");
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, Patience, "readiness to report the pause");
        using (var ready = await service.Http.GetAsync("health/ready"))
        {
            var delivery = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("delivery");
            Assert.Equal("Unhealthy", delivery.GetProperty("status").GetString());
            Assert.Contains("the OFD refuses our requests", delivery.GetProperty("description").GetString());
        }

        Assert.True(service.Process.Logged("Delivery paused: the OFD refuses our requests"));
        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 20, Patience, "every receipt delivered once the OFD accepts us");
        Assert.Equal(0, await service.CountAsync("DeadLettered"));
        Assert.Equal((20, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
        foreach (var receipt in receipts) Assert.InRange((await stack.Buffer.ReceiptAsync(receipt.ReceiptId)).Attempts, 1, 2);
    }

    private static async Task<DateTimeOffset> WaitForOpenCircuitAsync(ServiceProcess service)
    {
        DateTimeOffset? openedAt = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var status = await service.BufferStatusAsync();
            openedAt = status.GetProperty("circuitOpenedAt").ValueKind == JsonValueKind.String ? status.GetProperty("circuitOpenedAt").GetDateTimeOffset() : null;
            return openedAt is not null;
        }, Patience, "the circuit to open");
        return openedAt!.Value;
    }

    /// <summary>Calls the OFD saw after the circuit opened; calls already on the wire then may land a moment later.</summary>
    private static async Task<List<LedgerCall>> CallsAfterAsync(Stack stack, DateTimeOffset openedAt) =>
        (await stack.Ofd.AllCallsAsync()).Where(call => call.At > openedAt + TimeSpan.FromMilliseconds(200)).ToList();
}
