using RedLockNet;
using RedLockNet.SERedis;
using RedLockNet.SERedis.Configuration;

namespace KktMessaging.Service.Locking;

public static class LockingRegistration
{
    /// <summary>The RedLock factory over the configured Redis servers, and a readiness check on them.</summary>
    public static IHostApplicationBuilder AddLocking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RedisOptions>(RedisOptions.SectionName);
        builder.Services.AddValidatedOptions<LockOptions>(LockOptions.SectionName);
        builder.Services.AddSingleton<RedisConnections>();
        builder.Services.AddSingleton<IDistributedLockFactory>(services =>
        {
            var redis = services.GetRequiredService<RedisConnections>();
            var multiplexers = redis.Multiplexers.Select(m => new RedLockMultiplexer(m)).ToList();
            // One quick try: a lock that is taken means another pass runs, so there is nothing to wait for.
            var retry = new RedLockRetryConfiguration(retryCount: 1, retryDelayMs: 10);
            return RedLockFactory.Create(multiplexers, retry, services.GetRequiredService<ILoggerFactory>());
        });
        builder.Services.AddSingleton<BufferLock>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}
