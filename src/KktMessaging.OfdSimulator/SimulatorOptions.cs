namespace KktMessaging.OfdSimulator;

public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The fiscal drive number stamped on every registered document.</summary>
    public string FnNumber { get; set; } = "9960440300123456";

    /// <summary>When set, API calls must carry it as a bearer token, else 401.</summary>
    public string? ApiKey { get; set; }
}
