using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;
using Xunit.Abstractions;

namespace KktMessaging.IntegrationTests.Sync;

[Collection(RealStackCollection.Name)]
public sealed class SyncChainTests(SharedInfrastructure shared, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ReceiptFactory _factory = new(seed: 77);

    [Fact]
    public async Task When_three_processes_restart_ten_times_in_random_order_Should_settle_on_one_chain_with_passes_that_never_overlap()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Sync__Interval"] = "00:00:01";
        var services = new List<ServiceProcess>();
        for (var i = 1; i <= 3; i++) services.Add(await stack.StartServiceAsync($"service-{i}"));
        var random = new Random(2026);

        for (var restart = 0; restart < 10; restart++)
        {
            var service = services[random.Next(services.Count)];
            service.KillAndRestart();
            if (restart % 3 == 0) await stack.Events.PublishAllAsync(Enumerable.Range(0, 20).Select(_ => _factory.Valid()));
            await service.WaitReadyAsync();
        }

        // Settle: a killed holder's lock expires (5 s), a lost chain is revived within two intervals.
        var settledFrom = DateTime.UtcNow.AddSeconds(8);
        await Eventually.WaitUntilAsync(() => DateTime.UtcNow > settledFrom.AddSeconds(8), Patience, "eight settled intervals");
        var passes = await stack.Buffer.SyncPassesAsync();
        var links = passes.Where(pass => pass.ChainId is not null && pass.StartedAt >= settledFrom && pass.Outcome != "Superseded").ToList();
        output.WriteLine($"chain links after settling: {links.Count}, chains: {string.Join(", ", links.Select(l => l.ChainId).Distinct())}");
        Assert.Single(links.Select(link => link.ChainId).Distinct());
        Assert.InRange(links.Count, 6, 9);
        Assert.DoesNotContain(passes, pass => pass.StartedAt >= settledFrom && pass.Outcome == "Superseded");
        var ran = passes.Where(pass => pass.Ran).ToList();
        for (var i = 1; i < ran.Count; i++)
            Assert.True(ran[i].StartedAt >= ran[i - 1].FinishedAt, $"passes overlap: {ran[i - 1]} and {ran[i]}");
        await Eventually.WaitUntilAsync(async () => await services[0].CountAsync("Delivered") == 80, Patience, "every receipt delivered");
    }

    [Fact]
    public async Task When_the_chain_is_lost_Should_be_revived_within_two_intervals()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Sync__Interval"] = "00:00:02";
        await stack.StartServiceAsync("service");
        await Eventually.WaitUntilAsync(async () => (await stack.Buffer.SyncPassesAsync()).Any(p => p.ChainId is not null && p.Ran), Patience, "the chain running");
        var lastLink = (await stack.Buffer.SyncPassesAsync()).Last(p => p.ChainId is not null);

        // The successor waits in the 2 s delay queue: purging it loses the chain, as a crash between a pass and its successor would.
        await stack.Broker.PurgeAsync("kkt-delay-2000ms");
        await Eventually.WaitUntilAsync(async () => (await stack.Buffer.SyncPassesAsync()).Any(p => p.ChainId is not null && p.ChainId != lastLink.ChainId),
            Patience, "a new chain");

        var links = await stack.Buffer.SyncPassesAsync();
        var oldLinks = links.Where(p => p.ChainId == lastLink.ChainId).ToList();
        var revived = links.First(p => p.ChainId is not null && p.ChainId != lastLink.ChainId);
        var lostAt = oldLinks[^1].StartedAt.AddSeconds(2);
        output.WriteLine($"last link of the lost chain at {oldLinks[^1].StartedAt:O}, first link of the new chain at {revived.StartedAt:O}");
        Assert.InRange((revived.StartedAt - lostAt).TotalSeconds, 0, 4.5);
        Assert.DoesNotContain(links, p => p.ChainId == lastLink.ChainId && p.StartedAt > revived.StartedAt);
    }

    [Fact]
    public async Task When_the_OFD_is_down_Should_space_passes_along_the_backoff_ladder_and_return_to_the_interval_after_recovery()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Sync__Interval"] = "00:00:01";
        stack.Settings["Sync__BackoffInitial"] = "00:00:00.250";
        stack.Settings["Sync__BackoffMax"] = "00:00:02";
        stack.Settings["Circuit__BreakDuration"] = "00:00:07";
        var service = await stack.StartServiceAsync("service");
        await stack.Ofd.SetFaultsAsync(new { outage = true, retryAfterSeconds = 0 });

        await stack.Events.PublishAllAsync(Enumerable.Range(0, 10).Select(_ => _factory.Valid()));
        await Eventually.WaitUntilAsync(async () => (await stack.Buffer.SyncPassesAsync()).Count(p => p.Outcome == "DeliveryPaused" && p.ChainId is not null) >= 5,
            Patience, "five paused chain links");
        await stack.Ofd.SetFaultsAsync(new { });
        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 10, Patience, "delivery after recovery");
        var recoveredAt = DateTime.UtcNow;
        await Eventually.WaitUntilAsync(() => DateTime.UtcNow > recoveredAt.AddSeconds(4), Patience, "four intervals after recovery");

        var links = (await stack.Buffer.SyncPassesAsync()).Where(pass => pass.ChainId is not null).ToList();
        var firstPaused = links.FindIndex(link => link.Outcome == "DeliveryPaused");
        var paused = links.Skip(firstPaused).TakeWhile(link => link.Outcome == "DeliveryPaused").ToList();
        var backoffGaps = Gaps(paused);
        var afterRecovery = Gaps(links.Where(link => link.StartedAt > recoveredAt && link.Ran).ToList());
        output.WriteLine($"gaps while the OFD was down: {string.Join(", ", backoffGaps.Select(g => $"{g:F2}"))} s");
        output.WriteLine($"gaps after recovery: {string.Join(", ", afterRecovery.Select(g => $"{g:F2}"))} s");
        double[] ladder = [0.25, 0.5, 1, 2, 2];
        for (var i = 0; i < ladder.Length; i++) Assert.InRange(backoffGaps[i], ladder[i], ladder[i] + 0.35);
        Assert.NotEmpty(afterRecovery);
        Assert.All(afterRecovery, gap => Assert.InRange(gap, 1.0, 1.35));
    }

    [Fact]
    public async Task When_ten_thousand_receipts_are_pending_Should_drain_them_without_idle_waits()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Sync__Interval"] = "00:00:10";
        stack.Settings["Sync__ClaimLease"] = "00:05:00";
        stack.Settings["Delivery__ConcurrencyLimit"] = "32";
        var service = await stack.StartServiceAsync("service");

        var report = await new LoadRun(new LoadSettings { Count = 10_000, VirtualHost = stack.Broker.Name, Timeout = TimeSpan.FromMinutes(5) })
            .RunAsync(CancellationToken.None);

        output.WriteLine(string.Join(Environment.NewLine, report.Lines()));
        Assert.Equal((10_000, 0), (report.Delivered, report.Missing));
        Assert.Equal((10_000, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
        // At one batch per 10 s interval this would take 2,000 s: the drain must not wait for the interval.
        Assert.True(report.TotalSeconds < 180, $"draining took {report.TotalSeconds:F0} s");
        var ran = (await stack.Buffer.SyncPassesAsync()).Where(pass => pass.Ran && pass.Claimed > 0).ToList();
        Assert.Equal(10_000, ran.Sum(pass => pass.Claimed));
    }

    private static List<double> Gaps(IReadOnlyList<SyncPassRow> passes) =>
        passes.Zip(passes.Skip(1), (earlier, later) => (later.StartedAt - earlier.StartedAt).TotalSeconds).ToList();
}
