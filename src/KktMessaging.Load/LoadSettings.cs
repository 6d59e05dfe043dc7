namespace KktMessaging.Load;

public sealed record LoadSettings
{
    public int Count { get; init; } = 1000;

    /// <summary>Share of the receipts made invalid on purpose (0..1); each breaks one validation rule.</summary>
    public double InvalidShare { get; init; }

    /// <summary>Receipts published per second; 0 publishes as fast as the broker confirms.</summary>
    public double Rate { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public string Host { get; init; } = "127.0.0.1";
    public ushort Port { get; init; } = 5672;
    public string VirtualHost { get; init; } = "/";
    public string Username { get; init; } = "guest";
    public string Password { get; init; } = "guest";
}
