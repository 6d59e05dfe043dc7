using System.Collections.Concurrent;
using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>A POS-side bus on the test's vhost: publishes receipts and records every event the service announces.</summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private EventListener(string virtualHost)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host("127.0.0.1", 5672, virtualHost, host =>
            {
                host.Username("guest");
                host.Password("guest");
            });
            rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint =>
            {
                endpoint.Handler<ReceiptDelivered>(context => Record(Delivered, context.Message.ReceiptId, context.Message));
                endpoint.Handler<ReceiptRejected>(context => Record(Rejected, context.Message.ReceiptId, context.Message));
                endpoint.Handler<ReceiptDeadLettered>(context =>
                {
                    DeadLettered.GetOrAdd(context.Message.ReceiptId, _ => []).Add(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
    }

    public ConcurrentDictionary<Guid, ReceiptDelivered> Delivered { get; } = new();
    public ConcurrentDictionary<Guid, ConcurrentBag<ReceiptRejected>> Rejected { get; } = new();
    public ConcurrentDictionary<Guid, ConcurrentBag<ReceiptDeadLettered>> DeadLettered { get; } = new();

    public static async Task<EventListener> StartAsync(string virtualHost)
    {
        var listener = new EventListener(virtualHost);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await listener._bus.StartAsync(timeout.Token);
        return listener;
    }

    public Task PublishAsync(ReceiptCreated receipt) => _bus.Publish(receipt);

    public async Task PublishAllAsync(IEnumerable<ReceiptCreated> receipts) => await Task.WhenAll(receipts.Select(PublishAsync));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.StopAsync(timeout.Token);
    }

    private static Task Record(ConcurrentDictionary<Guid, ReceiptDelivered> events, Guid receiptId, ReceiptDelivered message)
    {
        events.TryAdd(receiptId, message);
        return Task.CompletedTask;
    }

    private static Task Record(ConcurrentDictionary<Guid, ConcurrentBag<ReceiptRejected>> events, Guid receiptId, ReceiptRejected message)
    {
        events.GetOrAdd(receiptId, _ => []).Add(message);
        return Task.CompletedTask;
    }
}
