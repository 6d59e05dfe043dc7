using System.Net;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using Xunit.Abstractions;

namespace KktMessaging.IntegrationTests.EndToEnd;

/// <summary>Several replicas sharing one PostgreSQL buffer, RabbitMQ and Redis, as in Kubernetes.</summary>
[Collection(RealStackCollection.Name)]
public sealed class ScaleOutTests(SharedInfrastructure shared, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task When_four_replicas_share_PostgreSQL_Should_deliver_twenty_thousand_receipts_once()
    {
        await using var stack = await StartReplicasAsync(4);

        var report = await LoadAsync(stack, 20_000);

        Assert.Equal((20_000, 0), (report.Delivered, report.Missing));
        Assert.Equal((20_000, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
    }

    [Fact]
    public async Task When_a_replica_is_killed_and_restarted_every_few_seconds_Should_still_deliver_twenty_thousand_receipts_once()
    {
        await using var stack = await StartReplicasAsync(4);
        var replicas = stack.Services;
        using var stop = new CancellationTokenSource();
        var random = new Random(5);
        var kills = 0;
        var chaos = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(4), stop.Token).ContinueWith(_ => { });
                if (stop.IsCancellationRequested) break;
                var replica = replicas[random.Next(replicas.Count)];
                replica.KillAndRestart();
                kills++;
                await replica.WaitReadyAsync(TimeSpan.FromSeconds(90));
            }
        });

        var report = await LoadAsync(stack, 20_000);
        await stop.CancelAsync();
        await chaos;

        output.WriteLine($"{kills} replicas killed (-9) and restarted during the run");
        Assert.True(kills >= 3, $"only {kills} kills happened");
        Assert.Equal((20_000, 0), (report.Delivered, report.Missing));
        Assert.Equal((20_000, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
    }

    [Fact]
    public async Task When_a_replica_gets_SIGTERM_during_load_Should_turn_unready_exit_within_the_stop_timeout_and_lose_nothing()
    {
        await using var stack = await Stack.StartAsync(shared, provider: BufferProvider.Postgres);
        stack.Settings["Shutdown__UnreadyDelay"] = "00:00:02";
        stack.Settings["Shutdown__StopTimeout"] = "00:00:10";
        var stopping = await stack.StartServiceAsync("replica-1");
        var staying = await stack.StartServiceAsync("replica-2");
        await stack.Ofd.SetFaultsAsync(new { latencyMs = 20 });
        var load = new LoadRun(new LoadSettings { Count = 5_000, VirtualHost = stack.Broker.Name, Timeout = Patience }).RunAsync(CancellationToken.None);
        await Eventually.WaitUntilAsync(async () => await staying.CountAsync("Delivered") >= 1_000, Patience, "a thousand delivered");

        var terminating = Task.Run(() => stopping.Terminate(TimeSpan.FromSeconds(20)));
        await Eventually.WaitUntilAsync(async () =>
        {
            using var ready = await stopping.Http.GetAsync("health/ready");
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable && (await ready.Content.ReadAsStringAsync()).Contains("shutting down");
        }, TimeSpan.FromSeconds(2), "readiness to turn unready first");
        var stoppedIn = await terminating;
        var report = await load;

        output.WriteLine($"SIGTERM to exit: {stoppedIn?.TotalSeconds:F2} s");
        Assert.NotNull(stoppedIn);
        Assert.InRange(stoppedIn!.Value.TotalSeconds, 2, 12);
        Assert.Equal(0, stopping.Process.ExitCode);
        Assert.Equal((5_000, 0), (report.Delivered, report.Missing));
        Assert.Equal((5_000, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
    }

    private async Task<Stack> StartReplicasAsync(int count)
    {
        var stack = await Stack.StartAsync(shared, provider: BufferProvider.Postgres);
        stack.Settings["Sync__ClaimLease"] = "00:01:00";
        for (var i = 1; i <= count; i++) await stack.StartServiceAsync($"replica-{i}");
        return stack;
    }

    private async Task<LoadReport> LoadAsync(Stack stack, int count)
    {
        var report = await new LoadRun(new LoadSettings { Count = count, VirtualHost = stack.Broker.Name, Timeout = Patience }).RunAsync(CancellationToken.None);
        output.WriteLine(string.Join(Environment.NewLine, report.Lines()));
        return report;
    }

}
