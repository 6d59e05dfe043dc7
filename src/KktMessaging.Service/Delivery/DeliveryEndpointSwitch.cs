using MassTransit;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// Stops the send-to-ofd endpoint while delivery is paused and starts it again when it resumes, so waiting
/// messages stay in the broker's queue, not in this process.
/// </summary>
public sealed class DeliveryEndpointSwitch : IReceiveEndpointObserver
{
    private readonly DeliveryGate _gate;
    private readonly ILogger<DeliveryEndpointSwitch> _logger;
    private readonly SemaphoreSlim _switching = new(1, 1);
    private IReceiveEndpoint? _endpoint;
    private bool _running = true;

    public DeliveryEndpointSwitch(DeliveryGate gate, ILogger<DeliveryEndpointSwitch> logger)
    {
        _gate = gate;
        _logger = logger;
        // Switching waits for in-flight consumers, one of which may be raising the change: never switch inline.
        gate.Changed += () => _ = Task.Run(ApplyAsync);
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        _endpoint = ready.ReceiveEndpoint;
        _running = true;
        return _gate.IsPaused ? Task.Run(ApplyAsync) : Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    private async Task ApplyAsync()
    {
        await _switching.WaitAsync();
        try
        {
            if (_endpoint is null) return;
            var paused = _gate.IsPaused;
            if (paused && _running)
            {
                await _endpoint.Stop();
                _running = false;
                _logger.LogWarning("Stopped consuming {Queue}: {Reason}", _endpoint.InputAddress, _gate.PauseReason);
            }
            else if (!paused && !_running)
            {
                _running = true;
                await _endpoint.Start().Ready;
                _logger.LogInformation("Consuming {Queue} again", _endpoint.InputAddress);
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Could not switch the delivery endpoint");
        }
        finally
        {
            _switching.Release();
        }
    }
}
