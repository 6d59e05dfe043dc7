using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace KktMessaging.Service.Messaging;

/// <summary>
/// Declares the delay levels on the broker: per level a durable fanout exchange bound to a durable queue whose
/// messages expire after the level's TTL into the default exchange. The message's routing key (its destination
/// queue) then delivers it. Declarations are idempotent; delayed sends wait until they are done.
/// </summary>
public sealed class DelayTopology(DelayLevels levels, IOptions<RabbitMqOptions> rabbit, ILogger<DelayTopology> logger) : BackgroundService
{
    private readonly TaskCompletionSource _declared = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Declared => _declared.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await DeclareAsync(stoppingToken);
                _declared.TrySetResult();
                logger.LogInformation("Delay levels declared: {Levels}", string.Join(", ", levels.Levels.Select(levels.NameOf)));
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not declare the delay levels (attempt {Attempt}): {Error}; retrying", attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }

    private async Task DeclareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await RabbitMqConnections.CreateFactory(rabbit.Value).CreateConnectionAsync("kkt-delay-topology", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var level in levels.Levels)
        {
            var name = levels.NameOf(level);
            await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, QueueArguments(level), cancellationToken: cancellationToken);
            await channel.QueueBindAsync(name, name, routingKey: "", cancellationToken: cancellationToken);
        }
    }

    private Dictionary<string, object?> QueueArguments(TimeSpan level)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = (long)level.TotalMilliseconds,
            ["x-dead-letter-exchange"] = "",
        };
        if (levels.QueueType == QueueType.Quorum)
        {
            arguments["x-queue-type"] = "quorum";
            // Quorum queues dead-letter at most once unless told otherwise; a delayed message must not vanish.
            arguments["x-dead-letter-strategy"] = "at-least-once";
            arguments["x-overflow"] = "reject-publish";
        }

        return arguments;
    }
}
