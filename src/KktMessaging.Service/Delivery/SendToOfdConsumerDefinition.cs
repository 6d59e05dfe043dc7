using KktMessaging.Contracts;
using KktMessaging.Service.Messaging;
using KktMessaging.Service.Ofd;
using MassTransit;
using MassTransit.RetryPolicies;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// The delivery policy in one place: concurrency, redelivery through the broker's delay levels (transient
/// failures climb the ladder, honouring Retry-After; a refused document faults at once into send-to-ofd_error),
/// fresh budgets for replayed messages, and the switch that stops consumption while delivery is paused.
/// </summary>
public sealed class SendToOfdConsumerDefinition : ConsumerDefinition<SendToOfdConsumer>
{
    private readonly DeliveryOptions _options;
    private readonly DelayedForwarder _forwarder;
    private readonly DeliveryEndpointSwitch _endpointSwitch;
    private readonly ILoggerFactory _loggers;

    public SendToOfdConsumerDefinition(
        IOptions<DeliveryOptions> options, DelayedForwarder forwarder, DeliveryEndpointSwitch endpointSwitch, ILoggerFactory loggers)
    {
        _options = options.Value;
        _forwarder = forwarder;
        _endpointSwitch = endpointSwitch;
        _loggers = loggers;
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = _options.ConcurrencyLimit;
            endpoint.ConcurrentMessageLimit = _options.ConcurrencyLimit;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SendToOfdConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.ConnectReceiveEndpointObserver(_endpointSwitch);
        endpointConfigurator.UseDelayLevelRedelivery(_forwarder, redelivery =>
        {
            redelivery.SetRetryPolicy(filter => new RetryAfterPolicy(
                new IntervalRetryPolicy(filter, _options.RedeliveryLadder.ToArray()),
                exception => (exception as OfdDeliveryException)?.RetryAfter));
            redelivery.Ignore<OfdDeliveryException>(exception => exception.ErrorClass == OfdErrorClass.Permanent);
        });
        consumerConfigurator.Message<SendToOfd>(message =>
            message.UseFilter(new ReplayedMessageFilter<SendToOfd>(_forwarder, _loggers.CreateLogger<ReplayedMessageFilter<SendToOfd>>())));
    }
}
