using System.Diagnostics;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>The local RabbitMQ node as a whole, for tests that restart it.</summary>
public static class Broker
{
    /// <summary>Stops and starts the RabbitMQ application on the node: durable queues and persistent messages must survive.</summary>
    public static async Task RestartAsync()
    {
        await RabbitMqCtlAsync("stop_app");
        await RabbitMqCtlAsync("start_app");
        await RabbitMqCtlAsync("await_startup");
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        var start = new ProcessStartInfo("rabbitmqctl", command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {command} failed ({process.ExitCode}): {await output} {await error}");
    }
}
