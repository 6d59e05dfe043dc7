using KktMessaging.Contracts;
using KktMessaging.IntegrationTests.Infrastructure;
using KktMessaging.Load;
using KktMessaging.Service.Messaging;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KktMessaging.IntegrationTests.Messaging;

[Collection(RealStackCollection.Name)]
public sealed class DelayLevelTests(SharedInfrastructure shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ReceiptFactory _factory = new(seed: 66);

    [Fact]
    public async Task When_a_message_is_sent_with_a_delay_Should_arrive_after_the_level_it_rounds_up_to_and_never_vanish()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        var levels = new DelayLevels([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], QueueType.Classic);
        using var topology = new DelayTopology(levels, Options.Create(new RabbitMqOptions { VirtualHost = vhost.Name }), NullLogger<DelayTopology>.Instance);
        await topology.StartAsync(CancellationToken.None);
        var forwarder = new DelayedForwarder(levels, topology);
        var arrived = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host("127.0.0.1", 5672, vhost.Name, host =>
            {
                host.Username("guest");
                host.Password("guest");
            });
            rabbit.ReceiveEndpoint("delayed-target", endpoint => endpoint.Handler<SyncBatchRequested>(_ =>
            {
                arrived.TrySetResult(DateTimeOffset.UtcNow);
                return Task.CompletedTask;
            }));
        });
        await bus.StartAsync();
        try
        {
            var sentAt = DateTimeOffset.UtcNow;
            await forwarder.SendAsync(bus, new SyncBatchRequested { RequestedAt = sentAt }, "delayed-target", TimeSpan.FromSeconds(1.5), CancellationToken.None);

            var waited = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30)) - sentAt;
            Assert.InRange(waited.TotalSeconds, 2.0, 2.8);

            await vhost.DeleteQueueAsync(levels.NameOf(TimeSpan.FromSeconds(2)));
            // The level queue is gone: the broker returns the mandatory message instead of dropping it.
            await Assert.ThrowsAsync<MessageReturnedException>(() =>
                forwarder.SendAsync(bus, new SyncBatchRequested(), "delayed-target", TimeSpan.FromSeconds(2), CancellationToken.None));
        }
        finally
        {
            await bus.StopAsync();
            await topology.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task When_queues_are_quorum_queues_Should_redeliver_through_quorum_delay_levels()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Messaging__QueueType"] = "Quorum";
        var service = await stack.StartServiceAsync("service");
        await stack.Ofd.SetFaultsAsync(new { failNext = 2, failNextStatus = 502 });
        var receipt = _factory.Valid();

        await stack.Events.PublishAsync(receipt);

        await Eventually.WaitUntilAsync(() => stack.Events.Delivered.ContainsKey(receipt.ReceiptId), Patience, "the receipt delivered");
        Assert.Equal(3, (await stack.Buffer.ReceiptAsync(receipt.ReceiptId)).Attempts);
        Assert.Equal("quorum", await stack.Broker.QueueTypeAsync("send-to-ofd"));
        Assert.Equal("quorum", await stack.Broker.QueueTypeAsync("kkt-delay-200ms-quorum"));
        Assert.Equal("quorum", await stack.Broker.QueueTypeAsync("kkt-delay-400ms-quorum"));
    }

    [Fact]
    public async Task When_RabbitMQ_restarts_while_messages_wait_in_delay_queues_Should_lose_none()
    {
        await using var stack = await Stack.StartAsync(shared);
        stack.Settings["Circuit__FailureThreshold"] = "1000";
        stack.Settings["Delivery__RedeliveryLimit"] = "2";
        stack.Settings["Delivery__RedeliveryInitialInterval"] = "00:00:15";
        stack.Settings["Delivery__RedeliveryMaxInterval"] = "00:00:30";
        var service = await stack.StartServiceAsync("service");
        var receipts = Enumerable.Range(0, 10).Select(_ => _factory.Valid()).ToList();
        await stack.Ofd.SetFaultsAsync(new { transientIds = receipts.Select(r => r.ReceiptId), retryAfterSeconds = 0 });

        await stack.Events.PublishAllAsync(receipts);
        await Eventually.WaitUntilAsync(async () => await stack.Broker.MessageCountAsync("kkt-delay-15000ms") == 10, Patience,
            "ten messages waiting in the 15 s delay queue");
        await stack.Ofd.SetFaultsAsync(new { });
        await Broker.RestartAsync();

        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                return await service.CountAsync("Delivered") == 10;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, Patience, "every waiting receipt delivered after the restart");
        Assert.Equal(0, await service.CountAsync("DeadLettered"));
        Assert.Equal((10, 0L), await stack.Ofd.DocumentsAndDuplicatesAsync());
        foreach (var receipt in receipts) Assert.Equal(2, (await stack.Buffer.ReceiptAsync(receipt.ReceiptId)).Attempts);
    }
}
