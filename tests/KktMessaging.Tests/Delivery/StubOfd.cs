using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using KktMessaging.Service.Ofd;

namespace KktMessaging.Tests.Delivery;

/// <summary>Answers OFD calls from a script and records them, for consumer-logic tests.</summary>
public sealed class StubOfd : HttpMessageHandler
{
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<string?> IdempotencyKeys { get; } = new();
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => Registered(HttpStatusCode.Created);

    public static readonly FiscalAttributes Fiscal = new("1234567890", 42, "9960440300123456", DateTimeOffset.UnixEpoch);

    public static HttpResponseMessage Registered(HttpStatusCode status) => new(status) { Content = JsonContent.Create(Fiscal) };

    public static HttpResponseMessage Error(HttpStatusCode status, string text) => new(status) { Content = new StringContent(text) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        IdempotencyKeys.Enqueue(request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null);
        return Task.FromResult(Answer(request));
    }
}
