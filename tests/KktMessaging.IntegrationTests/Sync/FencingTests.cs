using System.Data.Common;
using KktMessaging.Contracts;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;
using KktMessaging.Service;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Ingestion;
using KktMessaging.Service.Locking;
using KktMessaging.Service.Ofd;
using KktMessaging.Service.Sync;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KktMessaging.IntegrationTests.Sync;

/// <summary>The service's own lock and pass components over a real Redis and a real SQLite file, in this process.</summary>
[Collection(RealStackCollection.Name)]
public sealed class FencingTests(SharedInfrastructure shared)
{
    [Theory]
    [InlineData(BufferProvider.Sqlite)]
    [InlineData(BufferProvider.Postgres)]
    public async Task When_a_holder_pauses_past_its_lease_while_another_commits_Should_refuse_and_count_the_first_holders_commit(BufferProvider provider)
    {
        await using var database = await TestBuffer.CreateAsync(provider, shared.RunDirectory);
        using var host = await StartComponentsAsync(database.Reader, shared.Redis.Endpoint);
        var receipts = await SeedPendingAsync(host, 10);
        var pause = new PauseAtFirstTransaction();
        var holderA = CreatePass(host, database.Reader, pause);

        var runA = holderA.RunAsync("holder-a", null, CancellationToken.None);
        await pause.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        // Holder A is paused with the lock; its lease now runs out, as it would during a long GC pause or VM freeze.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(shared.Redis.Endpoint))
            Assert.True(await redis.GetDatabase().KeyDeleteAsync(host.Services.GetRequiredService<BufferLock>().Resource.Insert(0, "redlock:")));
        SyncPassResult resultB;
        await using (var scope = host.Services.CreateAsyncScope())
            resultB = await scope.ServiceProvider.GetRequiredService<SyncPass>().RunAsync("holder-b", null, CancellationToken.None);
        pause.Release();
        var resultA = await runA;

        Assert.Equal((SyncPassOutcome.Ran, 10), (resultB.Outcome, resultB.Claimed));
        Assert.Equal((SyncPassOutcome.LostLock, 0), (resultA.Outcome, resultA.Claimed));
        var buffer = database.Reader;
        var (_, refusals, _) = await buffer.SyncStateAsync();
        Assert.Equal(1, refusals);
        var harness = host.Services.GetRequiredService<ITestHarness>();
        Assert.Equal(10, await harness.Published.SelectAsync<SendToOfd>().Count());
        Assert.Single((await harness.Published.SelectAsync<SendToOfd>().ToListAsync()).Select(m => m.Context.Message.ClaimToken).Distinct());
        foreach (var receipt in receipts) Assert.Equal("Dispatched", (await buffer.ReceiptAsync(receipt.ReceiptId)).Status);
        var passes = await buffer.SyncPassesAsync();
        Assert.Equal(["holder-a:LostLock", "holder-b:Ran"], passes.Select(p => $"{p.Reason}:{p.Outcome}").Order());
    }

    [Theory]
    [InlineData(BufferProvider.Sqlite)]
    [InlineData(BufferProvider.Postgres)]
    public async Task When_a_claim_never_reached_the_broker_Should_return_it_after_the_lease_and_dispatch_it_once_under_a_new_claim(BufferProvider provider)
    {
        await using var database = await TestBuffer.CreateAsync(provider, shared.RunDirectory);
        using var host = await StartComponentsAsync(database.Reader, shared.Redis.Endpoint);
        var receipt = (await SeedPendingAsync(host, 1)).Single();
        var lostClaim = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // A pass claimed it ten minutes ago and died before publishing: Dispatched, no message, no attempt.
            var db = scope.ServiceProvider.GetRequiredService<BufferDbContext>();
            await db.Receipts.ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.Dispatched)
                .SetProperty(r => r.ClaimToken, lostClaim)
                .SetProperty(r => r.DispatchedAt, DateTime.UtcNow.AddMinutes(-10)));
        }

        SyncPassResult result;
        await using (var scope = host.Services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<SyncPass>().RunAsync("lease", null, CancellationToken.None);

        Assert.Equal((SyncPassOutcome.Ran, 1, 1), (result.Outcome, result.Reclaimed, result.Claimed));
        var published = await host.Services.GetRequiredService<ITestHarness>().Published.SelectAsync<SendToOfd>().ToListAsync();
        var message = Assert.Single(published).Context.Message;
        Assert.Equal(receipt.ReceiptId, message.ReceiptId);
        Assert.NotEqual(lostClaim, message.ClaimToken);
    }

    [Fact]
    public async Task When_one_of_three_Redis_servers_dies_mid_hold_Should_keep_the_lock_exclusive_and_the_tokens_growing()
    {
        using var servers = new RedisServers(shared.RunDirectory, 3);
        await using var database = await TestBuffer.CreateAsync(BufferProvider.Sqlite, shared.RunDirectory);
        using var host = await StartComponentsAsync(database.Reader, servers.Endpoints);
        var bufferLock = host.Services.GetRequiredService<BufferLock>();

        var first = await bufferLock.TryAcquireAsync();
        Assert.Equal(LockAttemptStatus.Acquired, first.Status);
        servers[0].Stop();
        var contender = await bufferLock.TryAcquireAsync();
        Assert.Equal(LockAttemptStatus.HeldElsewhere, contender.Status);
        Assert.True(first.Lock!.IsAcquired);
        await first.Lock.DisposeAsync();

        var second = await bufferLock.TryAcquireAsync();
        Assert.Equal(LockAttemptStatus.Acquired, second.Status);
        Assert.True(second.FenceToken > first.FenceToken);
        await second.Lock!.DisposeAsync();

        servers[1].Stop();
        Assert.Equal(LockAttemptStatus.Unavailable, (await bufferLock.TryAcquireAsync()).Status);
    }

    private static async Task<IHost> StartComponentsAsync(BufferReader buffer, string redisEndpoints)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Buffer:Provider"] = buffer.Provider.ToString(),
            ["ConnectionStrings:Buffer"] = buffer.ConnectionString,
            ["Redis:Endpoints"] = redisEndpoints,
            // Long enough that the lock's renewal never runs during the test: only the test ends a lease.
            ["Lock:Expiry"] = "00:01:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddBuffer().AddLocking().AddOfd().AddDelivery().AddIngestion().AddSync();
        // The components only: no watchdog, prober or migrator running beside the test.
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.AddMassTransitTestHarness();
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<BufferDbContext>().Database.MigrateAsync();
        await host.Services.GetRequiredService<ITestHarness>().Start();
        return host;
    }

    private static async Task<List<ReceiptCreated>> SeedPendingAsync(IHost host, int count)
    {
        var factory = new ReceiptFactory(seed: 88);
        var receipts = Enumerable.Range(0, count).Select(_ => factory.Valid()).ToList();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReceiptIngestor>().StoreAsync(receipts, CancellationToken.None);
        return receipts;
    }

    /// <summary>A second holder in the same process: the service's pass over its own context, which pauses where told.</summary>
    private static SyncPass CreatePass(IHost host, BufferReader buffer, IInterceptor pause)
    {
        var services = host.Services;
        BufferDbContext db = buffer.Provider == BufferProvider.Postgres
            ? new PostgresBufferDbContext(new DbContextOptionsBuilder<PostgresBufferDbContext>().UseNpgsql(buffer.ConnectionString).AddInterceptors(pause).Options)
            : new SqliteBufferDbContext(new DbContextOptionsBuilder<SqliteBufferDbContext>().UseSqlite(buffer.ConnectionString).AddInterceptors(pause).Options);
        return new SyncPass(
            services.GetRequiredService<BufferLock>(),
            services.GetRequiredService<DeliveryGate>(),
            db,
            new SyncStateStore(db),
            services.GetRequiredService<IBus>(),
            TimeProvider.System,
            services.GetRequiredService<IOptions<SyncOptions>>(),
            services.GetRequiredService<ILogger<SyncPass>>());
    }

    /// <summary>Holds the first transaction back until released: the holder has its lock and token, and has written nothing.</summary>
    private sealed class PauseAtFirstTransaction : DbTransactionInterceptor
    {
        private readonly SemaphoreSlim _release = new(0);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _paused;

        public Task Reached => _reached.Task;

        public void Release() => _release.Release();

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _paused, 1) == 0)
            {
                _reached.TrySetResult();
                await _release.WaitAsync(cancellationToken);
            }

            return result;
        }
    }
}
