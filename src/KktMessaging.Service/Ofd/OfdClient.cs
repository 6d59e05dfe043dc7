using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KktMessaging.Service.Ofd;

/// <summary>
/// The OFD's receipt API. Every submission carries the receiptId as its idempotency key, so the OFD
/// registers a receipt once however often it is sent.
/// </summary>
public sealed class OfdClient(HttpClient http, OfdCircuit circuit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="Polly.CircuitBreaker.BrokenCircuitException">The circuit is open: the OFD was not called.</exception>
    public Task<OfdResponse> SubmitAsync(Guid receiptId, string document, CancellationToken cancellationToken) =>
        ThroughCircuitAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/receipts")
            {
                Content = new StringContent(document, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", receiptId.ToString());
            using var response = await http.SendAsync(request, token);
            return await ReadAsync(response, token);
        }, cancellationToken);

    /// <summary>Asks whether the OFD already registered the receipt; a 404 means it did not.</summary>
    /// <exception cref="Polly.CircuitBreaker.BrokenCircuitException">The circuit is open: the OFD was not called.</exception>
    public Task<OfdResponse> FindAsync(Guid receiptId, CancellationToken cancellationToken) =>
        ThroughCircuitAsync(async token =>
        {
            using var response = await http.GetAsync($"api/v1/receipts/{receiptId}", token);
            if (response.StatusCode == HttpStatusCode.NotFound) return new OfdResponse(HttpStatusCode.NotFound, null, null, null, null);
            return await ReadAsync(response, token);
        }, cancellationToken);

    private async Task<OfdResponse> ThroughCircuitAsync(Func<CancellationToken, Task<OfdResponse>> call, CancellationToken cancellationToken) =>
        await circuit.Pipeline.ExecuteAsync(async token => await call(token), cancellationToken);

    private static async Task<OfdResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // 409 answers a repeated idempotency key with the attributes of the first registration.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
        {
            var fiscal = await response.Content.ReadFromJsonAsync<FiscalAttributes>(Json, cancellationToken)
                ?? throw new HttpRequestException($"The OFD answered {(int)response.StatusCode} without fiscal attributes");
            return new OfdResponse(response.StatusCode, fiscal, null, null, null);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = $"OFD answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(body)}";
        return new OfdResponse(response.StatusCode, null, OfdResponse.Classify(response.StatusCode), error, RetryAfter(response));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000] + "...";
}
