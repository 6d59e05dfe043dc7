using System.Net.Http.Json;
using System.Text.Json;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>One KktMessaging.Service process on a loopback port, configured through environment variables.</summary>
public sealed class ServiceProcess : IDisposable
{
    public const string AdminKey = "integration-test-admin-key";

    private readonly string _name;
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public ServiceProcess(string name, string directory, IReadOnlyDictionary<string, string> environment)
    {
        _name = name;
        _directory = directory;
        _environment = environment;
        Port = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(30) };
        Process = Start();
    }

    public int Port { get; }
    public HttpClient Http { get; }
    public TestProcess Process { get; private set; }

    public async Task WaitReadyAsync(TimeSpan? timeout = null) =>
        await Eventually.WaitUntilAsync(async () =>
        {
            if (Process.HasExited) throw new InvalidOperationException($"{_name} exited:\n{string.Join('\n', Process.Lines.TakeLast(30))}");
            try
            {
                using var response = await Http.GetAsync("health/ready");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout ?? TimeSpan.FromSeconds(60), $"{_name} to be ready");

    public async Task<JsonElement> BufferStatusAsync() => await Http.GetFromJsonAsync<JsonElement>("api/buffer/status");

    public async Task<int> CountAsync(string status) => (await BufferStatusAsync()).GetProperty("counts").GetProperty(status).GetInt32();

    public async Task<HttpResponseMessage> RequestSyncAsync(string? adminKey = AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sync");
        if (adminKey is not null) request.Headers.Add("X-Api-Key", adminKey);
        return await Http.SendAsync(request);
    }

    /// <summary>kill -9, then a new process with the same settings, as a crash and a pod restart.</summary>
    public void KillAndRestart()
    {
        Process.Kill();
        Process.Dispose();
        Process = Start();
    }

    /// <summary>SIGTERM, as Kubernetes sends it; returns how long the process took to exit, or null if it did not.</summary>
    public TimeSpan? Terminate(TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        return Process.Terminate(timeout) ? watch.Elapsed : null;
    }

    public void Dispose()
    {
        Process.Dispose();
        Http.Dispose();
    }

    private TestProcess Start() => TestProcess.StartDotnet(
        Repository.ServiceDll,
        ["--urls", $"http://127.0.0.1:{Port}"],
        _environment,
        Path.Combine(_directory, _name + ".log"));
}
