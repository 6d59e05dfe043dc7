using KktMessaging.Service.Ofd;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// Says whether delivery may run. It pauses while the OFD circuit is open (an outage) or while the OFD refuses
/// our credentials (systemic): then no pass dispatches, send-to-ofd stops consuming, and no receipt spends its
/// redelivery budget. The prober lifts the pause.
/// </summary>
public sealed class DeliveryGate
{
    private readonly OfdCircuit _circuit;
    private readonly TimeProvider _clock;
    private readonly ILogger<DeliveryGate> _logger;
    private string? _systemicReason;

    public DeliveryGate(OfdCircuit circuit, TimeProvider clock, ILogger<DeliveryGate> logger)
    {
        _circuit = circuit;
        _clock = clock;
        _logger = logger;
        circuit.Changed += OnChanged;
    }

    /// <summary>Raised whenever <see cref="IsPaused"/> may have changed.</summary>
    public event Action? Changed;

    public bool IsPaused => PauseReason is not null;

    public string? PauseReason =>
        Volatile.Read(ref _systemicReason)
        ?? (_circuit.IsOpen ? $"the OFD circuit is open since {_circuit.OpenedAt:O} after repeated transient failures" : null);

    /// <summary>When delivery last started flowing again (or the process started).</summary>
    public DateTimeOffset FlowingSince { get; private set; } = DateTimeOffset.MinValue;

    public bool IsSystemic => Volatile.Read(ref _systemicReason) is not null;

    public void PauseSystemic(string error)
    {
        var reason = $"the OFD refuses our requests ({error}); check Ofd__ApiKey and the OFD account";
        if (Interlocked.Exchange(ref _systemicReason, reason) is null)
        {
            _logger.LogCritical("Delivery paused: {Reason}. Receipts wait in the queue without spending their budget", reason);
            OnChanged();
        }
    }

    public void ClearSystemic()
    {
        if (Interlocked.Exchange(ref _systemicReason, null) is null) return;
        _logger.LogWarning("The OFD accepts our requests again; delivery resumes");
        OnChanged();
    }

    private void OnChanged()
    {
        if (!IsPaused) FlowingSince = _clock.GetUtcNow();
        Changed?.Invoke();
    }
}
