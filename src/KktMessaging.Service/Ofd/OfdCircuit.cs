using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace KktMessaging.Service.Ofd;

/// <summary>
/// The circuit breaker every OFD call goes through (Polly). It opens after <see cref="CircuitOptions.FailureThreshold"/>
/// transient failures and nothing else in the sampling window; while open, calls fail at once with
/// <see cref="BrokenCircuitException"/>. After the break the next call is the single probe: success closes it.
/// </summary>
public sealed class OfdCircuit
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _clock;

    public OfdCircuit(IOptions<CircuitOptions> options, TimeProvider clock, ILogger<OfdCircuit> logger)
    {
        _clock = clock;
        var circuit = options.Value;
        Pipeline = new ResiliencePipelineBuilder<OfdResponse> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<OfdResponse>
            {
                FailureRatio = 1.0,
                MinimumThroughput = circuit.FailureThreshold,
                SamplingDuration = circuit.SamplingDuration,
                BreakDuration = circuit.BreakDuration,
                StateProvider = _state,
                ShouldHandle = arguments => ValueTask.FromResult(IsTransientFailure(arguments.Outcome)),
                OnOpened = arguments =>
                {
                    OpenedAt = _clock.GetUtcNow();
                    logger.LogError("OFD circuit opened after {Threshold} failures in a row ({Error}); delivery pauses, next probe in {Break}",
                        circuit.FailureThreshold, Describe(arguments.Outcome), arguments.BreakDuration);
                    Changed?.Invoke();
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    logger.LogInformation("OFD circuit half-open: probing the OFD");
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    OpenedAt = null;
                    logger.LogInformation("OFD circuit closed: the OFD answers again, delivery resumes");
                    Changed?.Invoke();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline<OfdResponse> Pipeline { get; }

    public CircuitState State => _state.CircuitState;

    /// <summary>When the circuit last opened; null while it is closed.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    public bool IsOpen => State is CircuitState.Open or CircuitState.HalfOpen or CircuitState.Isolated;

    /// <summary>Raised when the circuit opens or closes.</summary>
    public event Action? Changed;

    private static bool IsTransientFailure(Outcome<OfdResponse> outcome) =>
        outcome.Exception is HttpRequestException or TaskCanceledException or TimeoutException
        || outcome.Result?.ErrorClass == OfdErrorClass.Transient;

    private static string Describe(Outcome<OfdResponse> outcome) =>
        outcome.Exception?.Message ?? outcome.Result?.Error ?? "unknown";
}
