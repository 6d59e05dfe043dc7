namespace KktMessaging.OfdSimulator;

/// <summary>What the simulator does wrong, set through POST /admin/faults. Omitted fields are off.</summary>
public sealed record FaultSettings
{
    /// <summary>Answer every API call 503 with Retry-After.</summary>
    public bool Outage { get; init; }

    /// <summary>Seconds sent in Retry-After during an outage.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Share of API calls answered <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; init; }

    public int ErrorStatus { get; init; } = 503;

    /// <summary>Delay before answering each API call.</summary>
    public int LatencyMs { get; init; }

    /// <summary>The next this many API calls are answered <see cref="FailNextStatus"/>.</summary>
    public int FailNext { get; init; }

    public int FailNextStatus { get; init; } = 500;

    /// <summary>Receipts whose document the OFD refuses with 400.</summary>
    public IReadOnlyList<Guid> PermanentIds { get; init; } = [];

    /// <summary>Receipts whose every call is answered <see cref="ErrorStatus"/>, as a document stuck in a failing OFD shard.</summary>
    public IReadOnlyList<Guid> TransientIds { get; init; } = [];

    /// <summary>Share of registrations accepted and then answered by a dropped connection.</summary>
    public double DropResponseRate { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ErrorRate is < 0 or > 1) errors.Add("errorRate must be between 0 and 1");
        if (DropResponseRate is < 0 or > 1) errors.Add("dropResponseRate must be between 0 and 1");
        if (ErrorStatus is < 400 or > 599) errors.Add("errorStatus must be an HTTP error status (400-599)");
        if (FailNextStatus is < 400 or > 599) errors.Add("failNextStatus must be an HTTP error status (400-599)");
        if (LatencyMs < 0) errors.Add("latencyMs must not be negative");
        if (FailNext < 0) errors.Add("failNext must not be negative");
        if (RetryAfterSeconds < 0) errors.Add("retryAfterSeconds must not be negative");
        return errors;
    }
}
