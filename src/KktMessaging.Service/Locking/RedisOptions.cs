using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Locking;

public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>Comma-separated host:port list. One server, or three or more for a Redlock quorum.</summary>
    [Required]
    public string Endpoints { get; set; } = "127.0.0.1:6379";

    /// <summary>How long a connect or command may take before the lock counts that server as unreachable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    public string? Password { get; set; }

    public IReadOnlyList<string> EndpointList =>
        Endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
