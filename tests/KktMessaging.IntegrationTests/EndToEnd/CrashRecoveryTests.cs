using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;

namespace KktMessaging.IntegrationTests.EndToEnd;

[Collection(RealStackCollection.Name)]
public sealed class CrashRecoveryTests(SharedInfrastructure shared)
{
    [Fact]
    public async Task When_a_process_is_killed_mid_flow_and_restarted_Should_deliver_every_receipt_without_a_duplicate()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Sync__ClaimLease"] = "00:00:05";
        await stack.Ofd.SetFaultsAsync(new { latencyMs = 40 });
        var service = await stack.StartServiceAsync("service");
        var factory = new ReceiptFactory(seed: 9);
        var receipts = Enumerable.Range(0, 600).Select(_ => factory.Valid()).ToList();

        await stack.Events.PublishAllAsync(receipts);
        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") >= 100, TimeSpan.FromSeconds(60), "100 receipts delivered before the crash");
        service.KillAndRestart();
        await service.WaitReadyAsync();

        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == receipts.Count, TimeSpan.FromSeconds(120), "every receipt delivered after the restart");
        Assert.Equal((600, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
    }
}
