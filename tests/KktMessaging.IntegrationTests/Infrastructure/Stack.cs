using System.Runtime.CompilerServices;
using KktMessaging.Service.Buffer;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>
/// One test's world: its own vhost, OFD simulator, buffer file and event listener, and the service processes
/// it starts. Settings are the service's configuration keys, compressed for tests.
/// </summary>
public sealed class Stack : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];

    private readonly PostgresDatabase? _postgres;

    private Stack(string directory, RabbitMqVirtualHost broker, OfdSimulatorProcess ofd, EventListener events, string redisEndpoints, PostgresDatabase? postgres)
    {
        Directory = directory;
        Broker = broker;
        Ofd = ofd;
        Events = events;
        _postgres = postgres;
        Buffer = postgres is null
            ? new BufferReader(BufferProvider.Sqlite, $"Data Source={Path.Combine(directory, "buffer.db")}")
            : new BufferReader(BufferProvider.Postgres, postgres.ConnectionString);
        Settings = new Dictionary<string, string>
        {
            ["RabbitMq__VirtualHost"] = broker.Name,
            ["Redis__Endpoints"] = redisEndpoints,
            ["Buffer__Provider"] = Buffer.Provider.ToString(),
            ["ConnectionStrings__Buffer"] = Buffer.ConnectionString,
            ["Ofd__BaseUrl"] = ofd.BaseUrl,
            ["Sync__Interval"] = "00:00:00.500",
            ["Sync__BackoffInitial"] = "00:00:00.200",
            ["Sync__BackoffMax"] = "00:00:02",
            ["Sync__ClaimLease"] = "00:00:10",
            // A process killed inside a pass leaves its lock behind until it expires.
            ["Lock__Expiry"] = "00:00:05",
            // A compressed ladder: 0.2, 0.4, 0.8 s, then dead-lettered.
            ["Delivery__RedeliveryLimit"] = "3",
            ["Delivery__RedeliveryInitialInterval"] = "00:00:00.200",
            ["Delivery__RedeliveryMaxInterval"] = "00:00:01",
            ["Circuit__BreakDuration"] = "00:00:01",
            ["Circuit__DeferDelay"] = "00:00:00.200",
            ["Api__AdminKey"] = ServiceProcess.AdminKey,
            ["Shutdown__UnreadyDelay"] = "00:00:00.500",
            ["Shutdown__StopTimeout"] = "00:00:10",
        };
    }

    public string Directory { get; }
    public RabbitMqVirtualHost Broker { get; }
    public OfdSimulatorProcess Ofd { get; }
    public EventListener Events { get; }
    public BufferReader Buffer { get; }
    public Dictionary<string, string> Settings { get; }
    public IReadOnlyList<ServiceProcess> Services => _services;

    public static async Task<Stack> StartAsync(
        SharedInfrastructure shared, string? redisEndpoints = null, BufferProvider provider = BufferProvider.Sqlite, [CallerMemberName] string test = "")
    {
        var directory = Path.Combine(shared.RunDirectory, $"{test}-{Guid.NewGuid().ToString()[..8]}");
        System.IO.Directory.CreateDirectory(directory);
        var broker = await RabbitMqVirtualHost.CreateAsync();
        var ofd = new OfdSimulatorProcess(directory);
        await ofd.WaitReadyAsync();
        var events = await EventListener.StartAsync(broker.Name);
        var postgres = provider == BufferProvider.Postgres ? await PostgresDatabase.CreateAsync() : null;
        return new Stack(directory, broker, ofd, events, redisEndpoints ?? shared.Redis.Endpoint, postgres);
    }

    /// <summary>Starts a service process; by default waits until it reports ready.</summary>
    public async Task<ServiceProcess> StartServiceAsync(string name, bool waitReady = true)
    {
        var service = new ServiceProcess(name, Directory, new Dictionary<string, string>(Settings));
        _services.Add(service);
        if (waitReady) await service.WaitReadyAsync();
        return service;
    }

    /// <summary>Runs a command of the service binary (such as <c>dlq replay</c>) with the stack's settings, to its end.</summary>
    public async Task<(int ExitCode, string Output)> RunServiceCommandAsync(params string[] arguments)
    {
        using var command = TestProcess.StartDotnet(Repository.ServiceDll, arguments, Settings, Path.Combine(Directory, "command.log"));
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, string.Join('\n', command.Lines));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services) service.Dispose();
        await Events.DisposeAsync();
        Ofd.Dispose();
        await Broker.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
