namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>
/// What every integration test shares in one run: the local RabbitMQ (each test gets its own vhost on it)
/// and one Redis server of the run's own.
/// </summary>
public sealed class SharedInfrastructure : IDisposable
{
    public SharedInfrastructure()
    {
        RunDirectory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kkt-it", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Environment.ProcessId);
        Directory.CreateDirectory(RunDirectory);
        EnsureBrokerAnswers();
        Redis = new RedisServer(System.IO.Path.Combine(RunDirectory, "redis"));
    }

    public string RunDirectory { get; }
    public RedisServer Redis { get; }

    public void Dispose() => Redis.Dispose();

    private static void EnsureBrokerAnswers()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            http.GetAsync("http://127.0.0.1:15672/").GetAwaiter().GetResult().Dispose();
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException(
                "RabbitMQ's management API does not answer on 127.0.0.1:15672. Run the tests with 'bash scripts/test.sh', which installs and starts it.",
                exception);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RealStackCollection : ICollectionFixture<SharedInfrastructure>
{
    /// <summary>Tests in this collection run one at a time: they start processes and measure them.</summary>
    public const string Name = "real stack";
}
