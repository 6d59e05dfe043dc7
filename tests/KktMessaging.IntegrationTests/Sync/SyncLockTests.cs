using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;
using KktMessaging.Service.Buffer;
using StackExchange.Redis;

namespace KktMessaging.IntegrationTests.Sync;

[Collection(RealStackCollection.Name)]
public sealed class SyncLockTests(SharedInfrastructure shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ReceiptFactory _factory = new(seed: 5);

    [Fact]
    public async Task When_a_pass_holds_the_lock_Should_answer_409_to_a_manual_sync_and_dispatch_nothing_until_it_is_released()
    {
        await using var stack = await Stack.StartAsync(shared);
        var service = await stack.StartServiceAsync("service");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(shared.Redis.Endpoint);
        var buffer = BufferIdentity.From(new BufferOptions { Provider = stack.Buffer.Provider }, stack.Buffer.ConnectionString);
        var lockKey = $"redlock:kkt-sync:{buffer.Name}";
        // Scheduled passes take the lock for a moment every interval: take it between two of them.
        await Eventually.WaitUntilAsync(() => redis.GetDatabase().StringSetAsync(lockKey, "another-holder", TimeSpan.FromMinutes(1), When.NotExists),
            Patience, "the lock taken by the test");
        var receipts = Enumerable.Range(0, 5).Select(_ => _factory.Valid()).ToList();

        await stack.Events.PublishAllAsync(receipts);
        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Pending") == 5, Patience, "the receipts stored as Pending");
        using var whileHeld = await service.RequestSyncAsync();
        using var withoutKey = await service.RequestSyncAsync(adminKey: null);
        using var wrongKey = await service.RequestSyncAsync(adminKey: "guess");
        Assert.Equal(HttpStatusCode.Conflict, whileHeld.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal((5, 0), (await service.CountAsync("Pending"), await service.CountAsync("Dispatched")));
        Assert.Equal(0, (await stack.Ofd.LedgerAsync()).Submissions);

        await redis.GetDatabase().KeyDeleteAsync(lockKey);
        using var released = await service.RequestSyncAsync();

        Assert.Equal(HttpStatusCode.Accepted, released.StatusCode);
        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 5, Patience, "the receipts delivered once the lock is free");
    }

    [Fact]
    public async Task When_Redis_is_down_Should_skip_every_pass_report_unready_and_resume_when_it_returns()
    {
        using var redis = new RedisServer(Path.Combine(shared.RunDirectory, $"redis-{Guid.NewGuid():N}"));
        await using var stack = await Stack.StartAsync(shared, redisEndpoints: redis.Endpoint);
        var service = await stack.StartServiceAsync("service");
        var receipts = Enumerable.Range(0, 20).Select(_ => _factory.Valid()).ToList();

        redis.Stop();
        await stack.Events.PublishAllAsync(receipts);

        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Pending") == 20, Patience, "the receipts stored without Redis");
        await Eventually.WaitUntilAsync(() => service.Process.CountLogged("skipped: Redis did not answer") >= 3, Patience, "three passes skipped");
        using var ready = await service.Http.GetAsync("health/ready");
        var health = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Contains("sync passes are skipped until Redis is back", health.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString());
        using var manual = await service.RequestSyncAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, manual.StatusCode);
        Assert.Equal((20, 0), (await service.CountAsync("Pending"), await service.CountAsync("Dispatched")));
        Assert.Equal(0, (await stack.Ofd.LedgerAsync()).Submissions);

        redis.Start();

        await Eventually.WaitUntilAsync(async () => await service.CountAsync("Delivered") == 20, Patience, "delivery resumed after Redis returned");
        await service.WaitReadyAsync();
        Assert.Equal(new LedgerSummary(20, 20, 0), await stack.Ofd.LedgerAsync());
    }
}
