using System.Net.Http.Json;
using System.Text.Json;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>The OFD simulator as its own process, with its ledger and fault switches.</summary>
public sealed class OfdSimulatorProcess : IDisposable
{
    private readonly TestProcess _process;

    public OfdSimulatorProcess(string directory)
    {
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}/";
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        _process = TestProcess.StartDotnet(Repository.SimulatorDll, ["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>(), Path.Combine(directory, "ofd-simulator.log"));
    }

    public string BaseUrl { get; }
    public HttpClient Http { get; }

    public Task WaitReadyAsync() => Eventually.WaitUntilAsync(async () =>
    {
        try
        {
            using var response = await Http.GetAsync("admin/ledger");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, TimeSpan.FromSeconds(30), "the OFD simulator to answer");

    public async Task<LedgerSummary> LedgerAsync() => (await Http.GetFromJsonAsync<LedgerSummary>("admin/ledger", JsonSerializerOptions.Web))!;

    /// <summary>Distinct registered documents and repeated POSTs: what "delivered once" is measured by.</summary>
    public async Task<(int Documents, long Duplicates)> DocumentsAndDuplicatesAsync()
    {
        var ledger = await LedgerAsync();
        return (ledger.Documents, ledger.Duplicates);
    }

    public async Task<int> SubmissionsOfAsync(Guid receiptId) =>
        (await Http.GetFromJsonAsync<JsonElement>($"admin/ledger/{receiptId}")).GetProperty("submissions").GetInt32();

    public async Task<IReadOnlyList<LedgerCall>> CallsOfAsync(Guid receiptId) =>
        (await Http.GetFromJsonAsync<JsonElement>($"admin/ledger/{receiptId}")).GetProperty("calls").Deserialize<List<LedgerCall>>(JsonSerializerOptions.Web)!;

    public async Task<IReadOnlyList<LedgerCall>> AllCallsAsync() =>
        (await Http.GetFromJsonAsync<List<LedgerCall>>("admin/ledger/calls", JsonSerializerOptions.Web))!;

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await Http.PostAsJsonAsync("admin/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _process.Dispose();
        Http.Dispose();
    }
}

public sealed record LedgerSummary(int Documents, long Submissions, long Duplicates);

public sealed record LedgerCall(DateTimeOffset At, string Method, int Status);
