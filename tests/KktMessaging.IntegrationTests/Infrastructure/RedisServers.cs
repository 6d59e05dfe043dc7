namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>Several Redis servers of the test's own, for a Redlock quorum.</summary>
public sealed class RedisServers : IDisposable
{
    private readonly List<RedisServer> _servers;

    public RedisServers(string runDirectory, int count) =>
        _servers = Enumerable.Range(0, count).Select(_ => new RedisServer(Path.Combine(runDirectory, $"redis-{Guid.NewGuid():N}"))).ToList();

    public RedisServer this[int index] => _servers[index];

    /// <summary>Comma-separated, as <c>Redis__Endpoints</c> takes them.</summary>
    public string Endpoints => string.Join(",", _servers.Select(server => server.Endpoint));

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
    }
}
