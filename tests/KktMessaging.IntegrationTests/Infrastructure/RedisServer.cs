using System.Diagnostics;
using System.Net.Sockets;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>A redis-server of the test's own on a free loopback port, stopped and restarted by its PID.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _directory;
    private Process? _process;

    public RedisServer(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    public void Start()
    {
        if (_process is { HasExited: false }) return;
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        WaitForPort();
    }

    public void Stop()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
    }

    private void WaitForPort()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Port}; is Redis installed? (bash scripts/test.sh installs it)");
    }
}
