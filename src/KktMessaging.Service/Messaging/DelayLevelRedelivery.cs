using MassTransit;
using MassTransit.Configuration;

namespace KktMessaging.Service.Messaging;

public static class DelayLevelRedeliveryExtensions
{
    /// <summary>
    /// MassTransit's redelivery (configured with the standard <see cref="IRedeliveryConfigurator"/>) through the
    /// TTL delay levels instead of the delayed-message exchange plugin that stock RabbitMQ lacks. Each redelivery
    /// increments <c>MT-Redelivery-Count</c>; a spent budget faults into the endpoint's <c>_error</c> queue.
    /// </summary>
    public static void UseDelayLevelRedelivery(
        this IConsumePipeConfigurator configurator, DelayedForwarder forwarder, Action<IRedeliveryConfigurator> configure) =>
        _ = new DelayLevelRedeliveryConfigurationObserver(configurator, forwarder, configure);
}

/// <summary>Plugs <see cref="DelayLevelRedeliveryContext{T}"/> into MassTransit's scheduled-redelivery machinery.</summary>
internal sealed class DelayLevelRedeliveryConfigurationObserver(
    IConsumePipeConfigurator configurator, DelayedForwarder forwarder, Action<IRedeliveryConfigurator> configure)
    : ScheduledRedeliveryConfigurationObserver(configurator, configure)
{
    protected override IRedeliveryPipeSpecification AddRedeliveryPipeSpecification<TMessage>(IConsumePipeConfigurator configurator)
    {
        var specification = new DelayLevelRedeliveryPipeSpecification<TMessage>(forwarder);
        configurator.AddPipeSpecification(specification);
        return specification;
    }
}

internal sealed class DelayLevelRedeliveryPipeSpecification<T>(DelayedForwarder forwarder)
    : IPipeSpecification<ConsumeContext<T>>, IRedeliveryPipeSpecification
    where T : class
{
    public RedeliveryOptions Options { get; set; }

    public void Apply(IPipeBuilder<ConsumeContext<T>> builder) => builder.AddFilter(new DelayLevelRedeliveryFilter<T>(forwarder, Options));

    public IEnumerable<ValidationResult> Validate() => [];
}

/// <summary>Gives each consumed message the redelivery context the retry filter asks for.</summary>
internal sealed class DelayLevelRedeliveryFilter<T>(DelayedForwarder forwarder, RedeliveryOptions options) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        context.GetOrAddPayload<MessageRedeliveryContext>(() => new DelayLevelRedeliveryContext<T>(context, forwarder, options));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayLevelRedelivery");
}

internal sealed class DelayLevelRedeliveryContext<T>(ConsumeContext<T> context, DelayedForwarder forwarder, RedeliveryOptions options)
    : MessageRedeliveryContext
    where T : class
{
    public Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null) =>
        forwarder.ForwardAsync(context, delay, send =>
        {
            send.ApplyRedeliveryOptions(context, options);
            callback?.Invoke(context, send);
        });
}
