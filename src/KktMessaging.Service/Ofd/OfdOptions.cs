using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Ofd;

public sealed class OfdOptions
{
    public const string SectionName = "Ofd";

    [Required]
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:8090/");

    /// <summary>Sent as a bearer token. Keep it in a secret store, never in appsettings.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How long one OFD call may take. A timeout is an unknown outcome: the next attempt asks the OFD whether it
    /// registered the receipt before sending it again.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
