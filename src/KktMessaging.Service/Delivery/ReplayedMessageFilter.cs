using KktMessaging.Service.Messaging;
using MassTransit;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// A message moved back from the error queue (the management UI's "Move messages", a shovel, or the replay tool)
/// still carries the fault headers and its spent <c>MT-Redelivery-Count</c>. It is put back on its queue once
/// without them, so a replay starts with the full redelivery budget.
/// </summary>
public sealed class ReplayedMessageFilter<T>(DelayedForwarder forwarder, ILogger logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    private const string FaultHeaderPrefix = "MT-Fault-";

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (!context.Headers.TryGetHeader(MessageHeaders.FaultTimestamp, out _))
        {
            await next.Send(context);
            return;
        }

        var spent = context.Headers.GetAll().Select(header => header.Key)
            .Where(key => key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) || key is MessageHeaders.Reason or MessageHeaders.RedeliveryCount)
            .ToList();
        await forwarder.ForwardAsync(context, TimeSpan.Zero, send =>
        {
            foreach (var key in spent) send.Headers.Set(key, null);
        });
        logger.LogInformation("Replayed message {MessageId} from the error queue starts over with a fresh redelivery budget", context.MessageId);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("replayedMessage");
}
