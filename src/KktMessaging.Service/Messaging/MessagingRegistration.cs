using KktMessaging.Service.Delivery;
using KktMessaging.Service.Ingestion;
using KktMessaging.Service.Sync;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Messaging;

public static class MessagingRegistration
{
    /// <summary>MassTransit on RabbitMQ with the three consumers; queues are named after them in kebab case.</summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<ReceiptCreatedConsumer, ReceiptCreatedConsumerDefinition>();
            bus.AddConsumer<SyncBatchConsumer, SyncBatchConsumerDefinition>();
            bus.AddConsumer<SendToOfdConsumer, SendToOfdConsumerDefinition>();
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
