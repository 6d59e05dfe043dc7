using KktMessaging.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Ingestion;

public sealed class ReceiptCreatedConsumerDefinition : ConsumerDefinition<ReceiptCreatedConsumer>
{
    private readonly IngestionOptions _options;

    public ReceiptCreatedConsumerDefinition(IOptions<IngestionOptions> options)
    {
        _options = options.Value;
        var inFlight = _options.BatchSize * _options.ConcurrencyLimit;
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = inFlight;
            endpoint.ConcurrentMessageLimit = inFlight;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ReceiptCreatedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        consumerConfigurator.UseMessageRetry(retry => retry.Intervals(_options.RetryIntervals));
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(_options.BatchSize)
            .SetTimeLimit(_options.BatchTimeLimit)
            .SetConcurrencyLimit(_options.ConcurrencyLimit));
    }
}
