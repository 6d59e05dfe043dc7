using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KktMessaging.Service.Locking;

/// <summary>
/// One connection per configured Redis server. Connections are made without failing when a server is down,
/// and reconnect by themselves, so the service starts and keeps running while Redis is away.
/// </summary>
public sealed class RedisConnections : IDisposable
{
    public RedisConnections(IOptions<RedisOptions> options)
    {
        var redis = options.Value;
        var timeout = (int)redis.Timeout.TotalMilliseconds;
        Multiplexers = redis.EndpointList.Select(endpoint => (IConnectionMultiplexer)ConnectionMultiplexer.Connect(new ConfigurationOptions
        {
            EndPoints = { endpoint },
            Password = redis.Password,
            AbortOnConnectFail = false,
            ConnectTimeout = timeout,
            SyncTimeout = timeout,
            AsyncTimeout = timeout,
            ConnectRetry = 1,
        })).ToList();
    }

    public IReadOnlyList<IConnectionMultiplexer> Multiplexers { get; }

    public void Dispose()
    {
        foreach (var multiplexer in Multiplexers) multiplexer.Dispose();
    }
}
