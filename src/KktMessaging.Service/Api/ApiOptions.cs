namespace KktMessaging.Service.Api;

public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// The key operators send as <c>X-Api-Key</c> to call admin endpoints (POST /api/sync). While it is empty
    /// the admin endpoints answer 403. Supply it as a secret (Api__AdminKey).
    /// </summary>
    public string? AdminKey { get; set; }
}
