using MassTransit;
using MassTransit.Serialization;

namespace KktMessaging.Service.Messaging;

/// <summary>
/// Sends messages through the delay levels: a consumed message back to its own queue later (redelivery,
/// deferral), or a new message to any queue later (one-off scheduling). Sends are mandatory and confirmed, so
/// a delay queue that is missing fails the send instead of losing the message.
/// </summary>
public sealed class DelayedForwarder(DelayLevels levels, DelayTopology topology)
{
    /// <summary>
    /// Puts the consumed message back on its queue, with its headers, after <paramref name="delay"/> rounded up to
    /// a level; <see cref="TimeSpan.Zero"/> puts it back at once.
    /// </summary>
    public async Task ForwardAsync<T>(ConsumeContext<T> context, TimeSpan delay, Action<SendContext> configure)
        where T : class
    {
        var input = context.ReceiveContext.InputAddress;
        var endpoint = delay > TimeSpan.Zero
            ? (await LevelEndpointAsync(context, delay, context.CancellationToken)).Endpoint
            : await context.GetSendEndpoint(input);
        var pipe = Pipe.Execute<SendContext<T>>(send =>
        {
            configure(send);
            if (delay > TimeSpan.Zero) Route(send, QueueName(input));
        });
        await endpoint.Send(context.Message, new ForwardMessagePipe<T>(context, pipe), context.CancellationToken);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="queue"/> after <paramref name="delay"/>.</summary>
    public async Task<TimeSpan> SendAsync<T>(ISendEndpointProvider sender, T message, string queue, TimeSpan delay, CancellationToken cancellationToken)
        where T : class
    {
        var (endpoint, level) = await LevelEndpointAsync(sender, delay, cancellationToken);
        await endpoint.Send(message, send => Route(send, queue), cancellationToken);
        return level;
    }

    private async Task<(ISendEndpoint Endpoint, TimeSpan Level)> LevelEndpointAsync(ISendEndpointProvider sender, TimeSpan delay, CancellationToken cancellationToken)
    {
        await topology.Declared.WaitAsync(cancellationToken);
        var level = levels.RoundUp(delay);
        var endpoint = await sender.GetSendEndpoint(new Uri($"exchange:{levels.NameOf(level)}?type=fanout"));
        return (endpoint, level);
    }

    private static void Route(SendContext send, string queue)
    {
        send.SetRoutingKey(queue);
        if (send.TryGetPayload(out RabbitMqSendContext? rabbit)) rabbit.Mandatory = true;
    }

    private static string QueueName(Uri inputAddress) => inputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
}
