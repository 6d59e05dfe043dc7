using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;

namespace KktMessaging.IntegrationTests.Delivery;

[Collection(RealStackCollection.Name)]
public sealed class ReplayTests(SharedInfrastructure shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ReceiptFactory _factory = new(seed: 55);

    [Fact]
    public async Task When_dead_letters_are_moved_back_like_the_management_UI_does_Should_deliver_them_with_a_fresh_budget()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Circuit__FailureThreshold"] = "1000";
        var service = await stack.StartServiceAsync("service");
        var receipts = Enumerable.Range(0, 3).Select(_ => _factory.Valid()).ToList();
        // Each spends its whole budget: its message reaches the DLQ with MT-Redelivery-Count = 3.
        await stack.Ofd.SetFaultsAsync(new { transientIds = receipts.Select(r => r.ReceiptId), retryAfterSeconds = 0 });
        await stack.Events.PublishAllAsync(receipts);
        await Eventually.WaitUntilAsync(() => stack.Events.DeadLettered.Count == 3, Patience, "three receipts dead-lettered");
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("send-to-ofd_error") == 3, Patience, "three messages in the DLQ");

        // The OFD is fixed, but the first call after the move still fails: that replay must be redelivered, not dead-lettered.
        await stack.Ofd.SetFaultsAsync(new { failNext = 1, failNextStatus = 500 });
        await stack.Broker.MoveMessagesAsync("send-to-ofd_error", "send-to-ofd");

        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 3, Patience, "the replayed receipts delivered");
        Assert.Equal(3, stack.Events.DeadLettered.Values.Sum(events => events.Count));
        Assert.Equal((3, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
        var attempts = new List<int>();
        foreach (var receipt in receipts) attempts.Add((await stack.Buffer.ReceiptAsync(receipt.ReceiptId)).Attempts);
        Assert.Equal([5, 5, 6], attempts.Order());
        Assert.True(service.Process.Logged("starts over with a fresh redelivery budget"));
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("send-to-ofd_error") == 0, Patience, "an empty DLQ");
    }

    [Fact]
    public async Task When_operators_replay_through_the_endpoint_and_the_command_Should_replay_by_receipt_by_class_and_all()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Circuit__FailureThreshold"] = "1000";
        stack.Settings["Delivery__RedeliveryLimit"] = "1";
        var service = await stack.StartServiceAsync("service");
        var refused = Enumerable.Range(0, 2).Select(_ => _factory.Valid()).ToList();
        var failing = Enumerable.Range(0, 2).Select(_ => _factory.Valid()).ToList();
        await stack.Ofd.SetFaultsAsync(new
        {
            permanentIds = refused.Select(r => r.ReceiptId),
            transientIds = failing.Select(r => r.ReceiptId),
            retryAfterSeconds = 0,
        });
        await stack.Events.PublishAllAsync(refused.Concat(failing));
        await Eventually.WaitUntilAsync(() => stack.Events.DeadLettered.Count == 4, Patience, "four receipts dead-lettered");
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("send-to-ofd_error") == 4, Patience, "four messages in the DLQ");
        await stack.Ofd.SetFaultsAsync(new { });

        var listed = await AdminGetAsync(service, "api/dlq");
        Assert.Equal(["Permanent", "Permanent", "Transient", "Transient"], listed.EnumerateArray().Select(e => e.GetProperty("errorClass").GetString()).Order());
        Assert.All(listed.EnumerateArray(), entry => Assert.True(entry.GetProperty("ageSeconds").GetDouble() >= 0));
        var (listExit, listOutput) = await stack.RunServiceCommandAsync("dlq", "list", "--class", "Transient");
        Assert.Equal(0, listExit);
        Assert.Contains("2 dead-lettered receipts", listOutput);

        var byReceipt = await ReplayAsync(service, $"receiptId={refused[0].ReceiptId}");
        Assert.Equal(1, byReceipt.GetProperty("replayed").GetInt32());
        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(refused[0].ReceiptId), Patience, "the one receipt delivered");
        Assert.Equal(3, await service.CountAsync("DeadLettered"));

        var (replayExit, replayOutput) = await stack.RunServiceCommandAsync("dlq", "replay", "--class", "transient");
        Assert.Equal(0, replayExit);
        Assert.Contains("Replayed 2, left in send-to-ofd_error 1", replayOutput);
        await Eventually.WaitUntilAsync(() => failing.All(r => stack.Events.Delivered.ContainsKey(r.ReceiptId)), Patience, "the transient class delivered");

        var all = await ReplayAsync(service, "all=true");
        Assert.Equal(1, all.GetProperty("replayed").GetInt32());
        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 4, Patience, "everything delivered");
        Assert.Equal((4, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await AdminPostAsync(service, "api/dlq/replay")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AdminPostAsync(service, "api/dlq/replay?errorClass=Bogus")).StatusCode);
        Assert.Equal(2, (await stack.RunServiceCommandAsync("dlq", "replay")).ExitCode);
        using var anonymous = await service.Http.PostAsync("api/dlq/replay?all=true", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<JsonElement> AdminGetAsync(ServiceProcess service, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", ServiceProcess.AdminKey);
        using var response = await service.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> AdminPostAsync(ServiceProcess service, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Api-Key", ServiceProcess.AdminKey);
        return await service.Http.SendAsync(request);
    }

    /// <summary>The replay endpoint streams progress lines, then one line with the result.</summary>
    private static async Task<JsonElement> ReplayAsync(ServiceProcess service, string query)
    {
        using var response = await AdminPostAsync(service, $"api/dlq/replay?{query}");
        response.EnsureSuccessStatusCode();
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.Contains("\"progress\""));
        return JsonDocument.Parse(lines[^1]).RootElement.GetProperty("result");
    }
}
