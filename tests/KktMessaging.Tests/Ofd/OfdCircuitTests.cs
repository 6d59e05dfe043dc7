using System.Net;
using KktMessaging.Service.Ofd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace KktMessaging.Tests.Ofd;

public class OfdCircuitTests
{
    private static readonly OfdResponse Unavailable = new(HttpStatusCode.ServiceUnavailable, null, OfdErrorClass.Transient, "down", null);
    private static readonly OfdResponse Refused = new(HttpStatusCode.BadRequest, null, OfdErrorClass.Permanent, "bad document", null);
    private static readonly OfdResponse NotFound = new(HttpStatusCode.NotFound, null, null, null, null);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly OfdCircuit _circuit;
    private int _calls;

    public OfdCircuitTests()
    {
        var options = new CircuitOptions { FailureThreshold = 3, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(60) };
        _circuit = new OfdCircuit(Options.Create(options), _clock, NullLogger<OfdCircuit>.Instance);
    }

    [Fact]
    public async Task When_transient_failures_reach_the_threshold_Should_open_and_stop_calling_the_OFD()
    {
        for (var i = 0; i < 3; i++) await CallAsync(Unavailable);

        Assert.True(_circuit.IsOpen);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(Unavailable));
        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task When_the_OFD_refuses_documents_Should_stay_closed()
    {
        for (var i = 0; i < 10; i++) await CallAsync(Refused);

        Assert.False(_circuit.IsOpen);
    }

    [Fact]
    public async Task When_the_break_is_over_Should_let_one_probe_through_and_close_on_success()
    {
        var changes = 0;
        _circuit.Changed += () => changes++;
        for (var i = 0; i < 3; i++) await CallAsync(Unavailable);

        _clock.Advance(TimeSpan.FromSeconds(59));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(NotFound));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await CallAsync(NotFound);

        Assert.False(_circuit.IsOpen);
        Assert.Equal(4, _calls);
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task When_the_probe_fails_Should_stay_open_for_another_break()
    {
        for (var i = 0; i < 3; i++) await CallAsync(Unavailable);
        _clock.Advance(TimeSpan.FromSeconds(61));

        await CallAsync(Unavailable);

        Assert.True(_circuit.IsOpen);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(NotFound));
        Assert.Equal(4, _calls);
    }

    private async Task<OfdResponse> CallAsync(OfdResponse answer) =>
        await _circuit.Pipeline.ExecuteAsync(_ =>
        {
            _calls++;
            return ValueTask.FromResult(answer);
        });
}
