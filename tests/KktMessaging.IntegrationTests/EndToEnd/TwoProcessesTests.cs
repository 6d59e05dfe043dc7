using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;

namespace KktMessaging.IntegrationTests.EndToEnd;

[Collection(RealStackCollection.Name)]
public sealed class TwoProcessesTests(SharedInfrastructure shared)
{
    [Fact]
    public async Task When_two_processes_share_one_buffer_Should_deliver_every_receipt_once_with_passes_that_never_overlap()
    {
        await using var stack = await Stack.StartAsync(shared);
        // Long enough that no claim expires while its message waits in the queue: every claim must then be a first claim.
        stack.Settings["Sync__ClaimLease"] = "00:02:00";
        var first = await stack.StartServiceAsync("service-1");
        var second = await stack.StartServiceAsync("service-2");

        var report = await new LoadRun(new LoadSettings { Count = 1000, VirtualHost = stack.Broker.Name, Timeout = TimeSpan.FromMinutes(3) })
            .RunAsync(CancellationToken.None);

        Assert.Equal((1000, 0, 0), (report.Delivered, report.Rejected, report.Missing));
        Assert.Equal(new LedgerSummary(1000, 1000, 0), await stack.Ofd.LedgerAsync());
        Assert.Equal(1000, await first.CountAsync("Delivered"));

        var passes = (await stack.Buffer.SyncPassesAsync()).Where(pass => pass.Ran).ToList();
        Assert.All(passes, pass => Assert.NotNull(pass.FinishedAt));
        for (var i = 1; i < passes.Count; i++)
            Assert.True(passes[i].StartedAt >= passes[i - 1].FinishedAt,
                $"pass {i} ({passes[i].Instance}) started at {passes[i].StartedAt:O} before pass {i - 1} ({passes[i - 1].Instance}) finished at {passes[i - 1].FinishedAt:O}");
        Assert.Equal(1000, passes.Sum(pass => pass.Claimed));
        Assert.Equal(2, passes.Where(pass => pass.Claimed > 0).Select(pass => pass.Instance).Distinct().Count());
    }
}
