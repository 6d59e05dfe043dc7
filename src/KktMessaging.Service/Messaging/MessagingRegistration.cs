using KktMessaging.Service.Delivery;
using KktMessaging.Service.Ingestion;
using KktMessaging.Service.Ofd;
using KktMessaging.Service.Sync;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// MassTransit on RabbitMQ with the consumers (queues named after them in kebab case), and the delay levels
    /// that redelivery and delayed sends go through.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RabbitMqOptions>(RabbitMqOptions.SectionName);
        builder.Services.AddValidatedOptions<MessagingOptions>(MessagingOptions.SectionName);
        // One level per delay the service uses: the redelivery ladder, deferral, the pass interval and its backoff.
        builder.Services.AddSingleton(services =>
        {
            var sync = services.GetRequiredService<IOptions<SyncOptions>>().Value;
            return new DelayLevels(
                services.GetRequiredService<IOptions<DeliveryOptions>>().Value.RedeliveryLadder
                    .Append(services.GetRequiredService<IOptions<CircuitOptions>>().Value.DeferDelay)
                    .Append(sync.Interval)
                    .Concat(sync.BackoffLadder),
                services.GetRequiredService<IOptions<MessagingOptions>>().Value.QueueType);
        });
        builder.Services.AddSingleton<DelayTopology>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DelayTopology>());
        builder.Services.AddSingleton<DelayedForwarder>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<ReceiptCreatedConsumer, ReceiptCreatedConsumerDefinition>();
            bus.AddConsumer<SyncBatchConsumer, SyncBatchConsumerDefinition>();
            bus.AddConsumer<SendToOfdConsumer, SendToOfdConsumerDefinition>();
            bus.AddConsumer<SendToOfdFaultConsumer>();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
                    && context.GetRequiredService<IOptions<MessagingOptions>>().Value.QueueType == QueueType.Quorum)
                    rabbit.SetQuorumQueue();
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(options.Host, options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                });
                // POS services that do not use MassTransit may publish plain JSON (content type application/json).
                rabbit.UseRawJsonDeserializer(isDefault: false);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddReceiveObserver<MalformedReceiptObserver>();
        return builder;
    }
}
