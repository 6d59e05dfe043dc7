using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>
/// A real child process whose output is kept for assertions and written to a log file. It is stopped by its own
/// PID: killed (-9) when the test wants a crash, and always at dispose.
/// </summary>
public sealed class TestProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;
    private bool _disposed;

    private TestProcess(Process process, string logPath)
    {
        _process = process;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public int Id => _process.Id;
    public int ExitCode => _process.ExitCode;
    public bool HasExited => _process.HasExited;
    public IEnumerable<string> Lines => _lines;

    public static TestProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        // Plain single-line logs keep assertions on output simple.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";

        var process = new Process { StartInfo = start };
        var testProcess = new TestProcess(process, logPath);
        process.OutputDataReceived += (_, e) => testProcess.Record(e.Data);
        process.ErrorDataReceived += (_, e) => testProcess.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return testProcess;
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public bool Logged(string text) => _lines.Any(line => line.Contains(text, StringComparison.Ordinal));

    public int CountLogged(string text) => _lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>kill -9: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as Kubernetes sends before it kills a pod.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        _ = SendSignal(_process.Id, 15);
        return _process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after dispose is dropped.
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
