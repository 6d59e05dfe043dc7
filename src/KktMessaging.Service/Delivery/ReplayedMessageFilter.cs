using KktMessaging.Service.Messaging;
using MassTransit;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// A message moved back from the error queue (the management UI's "Move messages", a shovel, or the replay tool)
/// still carries the fault headers MassTransit put on the transport message, and its spent
/// <c>MT-Redelivery-Count</c> in the envelope. It is put back on its queue once with the count at zero and without
/// the fault headers, so a replay starts with the full redelivery budget.
/// </summary>
public sealed class ReplayedMessageFilter<T>(DelayedForwarder forwarder, ILogger logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (!context.ReceiveContext.TransportHeaders.TryGetHeader(MessageHeaders.FaultTimestamp, out _))
        {
            await next.Send(context);
            return;
        }

        // The envelope keeps headers it already has, so the count is overwritten rather than removed.
        await forwarder.ForwardAsync(context, TimeSpan.Zero, send => send.Headers.Set(MessageHeaders.RedeliveryCount, 0));
        logger.LogInformation("Replayed message {MessageId} from the error queue starts over with a fresh redelivery budget", context.MessageId);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("replayedMessage");
}
