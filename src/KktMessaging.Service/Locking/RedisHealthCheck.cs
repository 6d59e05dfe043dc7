using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KktMessaging.Service.Locking;

/// <summary>Ready only while a lock quorum of Redis servers answers: without it no sync pass can run.</summary>
internal sealed class RedisHealthCheck(RedisConnections redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(redis.Multiplexers.Select(PingAsync));
        var down = results.Where(r => r.Error is not null).ToList();
        var quorum = redis.Multiplexers.Count / 2 + 1;
        var up = results.Length - down.Count;
        var detail = string.Join("; ", down.Select(r => $"{r.Endpoint}: {r.Error}"));
        if (up >= quorum)
            return down.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded($"some Redis servers are down: {detail}");
        return HealthCheckResult.Unhealthy($"the sync lock needs {quorum} of {results.Length} Redis servers, {up} answer; sync passes are skipped until Redis is back ({detail})");
    }

    private static async Task<(string Endpoint, string? Error)> PingAsync(StackExchange.Redis.IConnectionMultiplexer multiplexer)
    {
        var endpoint = string.Join(",", multiplexer.GetEndPoints().Select(e => e.ToString()));
        try
        {
            await multiplexer.GetDatabase().PingAsync();
            return (endpoint, null);
        }
        catch (Exception exception)
        {
            return (endpoint, exception.GetType().Name + ": " + exception.Message.Split('\n')[0]);
        }
    }
}
