using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh virtual host on the local broker for one test, so tests never see each other's queues.
/// Talks to the management API on 127.0.0.1:15672 (guest, loopback only).
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private static readonly HttpClient Management = CreateManagementClient();

    private RabbitMqVirtualHost(string name) => Name = name;

    public string Name { get; }
    private string Escaped => Uri.EscapeDataString(Name);

    public static async Task<RabbitMqVirtualHost> CreateAsync()
    {
        var vhost = new RabbitMqVirtualHost($"kkt-test-{Guid.NewGuid():N}");
        await EnsureOkAsync(await Management.PutAsync($"api/vhosts/{vhost.Escaped}", null), "create the test vhost");
        await EnsureOkAsync(await Management.PutAsJsonAsync($"api/permissions/{vhost.Escaped}/guest", new { configure = ".*", write = ".*", read = ".*" }), "grant guest on the test vhost");
        return vhost;
    }

    /// <summary>Messages in a queue, ready or not; 0 when the queue does not exist.</summary>
    public async Task<int> MessageCountAsync(string queue)
    {
        // The management API refreshes counts every few seconds; the queue's message count is exact enough for "is it empty".
        using var response = await Management.GetAsync($"api/queues/{Escaped}/{Uri.EscapeDataString(queue)}?msg_rates_age=0");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return 0;
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("messages", out var messages) ? messages.GetInt32() : 0;
    }

    /// <summary>Peeks at up to <paramref name="count"/> messages of a queue and puts them back.</summary>
    public async Task<IReadOnlyList<JsonElement>> PeekAsync(string queue, int count)
    {
        var request = new { count, ackmode = "ack_requeue_true", encoding = "auto" };
        using var response = await Management.PostAsJsonAsync($"api/queues/{Escaped}/{Uri.EscapeDataString(queue)}/get", request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
    }

    /// <summary>
    /// Moves every message of one queue to another with a dynamic shovel: the call the management UI's
    /// "Move messages" makes. Moved messages keep all their headers.
    /// </summary>
    public async Task MoveMessagesAsync(string sourceQueue, string destinationQueue)
    {
        var uri = "amqp:///" + Escaped;
        var shovel = new
        {
            value = new Dictionary<string, object>
            {
                ["src-protocol"] = "amqp091",
                ["src-uri"] = uri,
                ["src-queue"] = sourceQueue,
                ["dest-protocol"] = "amqp091",
                ["dest-uri"] = uri,
                ["dest-queue"] = destinationQueue,
                ["src-delete-after"] = "queue-length",
                ["ack-mode"] = "on-confirm",
            },
        };
        await EnsureOkAsync(await Management.PutAsJsonAsync($"api/parameters/shovel/{Escaped}/move-{sourceQueue}", shovel), "create the moving shovel");
    }

    public async Task PurgeAsync(string queue)
    {
        using var response = await Management.DeleteAsync($"api/queues/{Escaped}/{Uri.EscapeDataString(queue)}/contents");
        response.EnsureSuccessStatusCode();
    }

    public async Task DeleteQueueAsync(string queue)
    {
        using var response = await Management.DeleteAsync($"api/queues/{Escaped}/{Uri.EscapeDataString(queue)}");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The queue's type as the broker reports it (classic or quorum).</summary>
    public async Task<string> QueueTypeAsync(string queue)
    {
        using var json = JsonDocument.Parse(await Management.GetStringAsync($"api/queues/{Escaped}/{Uri.EscapeDataString(queue)}"));
        return json.RootElement.GetProperty("type").GetString()!;
    }

    /// <summary>Publishes raw bytes straight into a queue, as a POS service that does not use MassTransit would.</summary>
    public async Task PublishRawAsync(string queue, string body, string contentType = "application/json")
    {
        var request = new
        {
            properties = new { content_type = contentType, delivery_mode = 2 },
            routing_key = queue,
            payload = body,
            payload_encoding = "string",
        };
        using var response = await Management.PostAsJsonAsync($"api/exchanges/{Escaped}/amq.default/publish", request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !answer.Contains("\"routed\":true"))
            throw new InvalidOperationException($"Raw publish to {queue} was not routed: {answer}");
    }

    public async ValueTask DisposeAsync()
    {
        using var _ = await Management.DeleteAsync($"api/vhosts/{Escaped}");
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response, string what)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static HttpClient CreateManagementClient()
    {
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:15672/"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return client;
    }
}
