namespace KktMessaging.OfdSimulator;

/// <summary>The current fault settings and the decisions made from them, one API call at a time.</summary>
public sealed class Faults
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = new();
    private int _failNextLeft;

    public FaultSettings Current
    {
        get
        {
            lock (_gate) return _settings with { FailNext = _failNextLeft };
        }
    }

    public void Set(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _failNextLeft = settings.FailNext;
        }
    }

    /// <summary>The error status this call must get, if any: outage, then per-receipt failures, fail-next, the error rate.</summary>
    public int? TakeFailure(Guid? receiptId = null)
    {
        lock (_gate)
        {
            if (_settings.Outage) return StatusCodes.Status503ServiceUnavailable;
            if (receiptId is { } id && _settings.TransientIds.Contains(id)) return _settings.ErrorStatus;
            if (_failNextLeft > 0)
            {
                _failNextLeft--;
                return _settings.FailNextStatus;
            }

            return Random.Shared.NextDouble() < _settings.ErrorRate ? _settings.ErrorStatus : null;
        }
    }

    public bool ShouldDropResponse() => Random.Shared.NextDouble() < Current.DropResponseRate;

    public bool IsPermanent(Guid receiptId) => Current.PermanentIds.Contains(receiptId);
}
