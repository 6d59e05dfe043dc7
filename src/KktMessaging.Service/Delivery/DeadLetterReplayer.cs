using System.Text.Json;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// Lists dead-lettered receipts and replays them: each matching message in send-to-ofd_error moves back to
/// send-to-ofd, exactly as the management UI's "Move messages" does (the delivery endpoint then gives it a fresh
/// budget). A message is acknowledged in the error queue only after the broker confirmed its copy.
/// </summary>
public sealed class DeadLetterReplayer(BufferDbContext db, IOptions<RabbitMqOptions> rabbit, TimeProvider clock, ILogger<DeadLetterReplayer> logger)
{
    public const string DeliveryQueue = "send-to-ofd";
    public const string ErrorQueue = DeliveryQueue + "_error";
    private const int ProgressEvery = 100;

    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var receipts = await db.Receipts.AsNoTracking()
            .Where(r => r.Status == ReceiptStatus.DeadLettered)
            .Where(r => filter.ReceiptId == null || r.ReceiptId == filter.ReceiptId)
            .Where(r => filter.ErrorClass == null || r.LastErrorClass == filter.ErrorClass)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return receipts
            .Select(r => new DeadLetterEntry(r.ReceiptId, r.LastError, r.LastErrorClass, r.Attempts, r.OccurredAt, r.DeadLetteredAt, (now - r.OccurredAt).TotalSeconds))
            .ToList();
    }

    public async Task<ReplayResult> ReplayAsync(DeadLetterFilter filter, Func<ReplayProgress, Task>? progress, CancellationToken cancellationToken)
    {
        var wanted = (await ListAsync(filter, cancellationToken)).Select(entry => entry.ReceiptId).ToHashSet();
        var found = new HashSet<Guid>();
        var held = new List<ulong>();
        await using var connection = await RabbitMqConnections.CreateFactory(rabbit.Value).CreateConnectionAsync("kkt-dlq-replay", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var queueLength = (int)(await channel.QueueDeclarePassiveAsync(ErrorQueue, cancellationToken)).MessageCount;
        try
        {
            // Messages that stay are held unacknowledged until the walk ends, so each one is seen once.
            for (var scanned = 1; scanned <= queueLength; scanned++)
            {
                var message = await channel.BasicGetAsync(ErrorQueue, autoAck: false, cancellationToken);
                if (message is null) break;
                if (ReceiptIdOf(message.Body) is { } id && wanted.Contains(id) && found.Add(id))
                {
                    await channel.BasicPublishAsync("", DeliveryQueue, mandatory: true, new BasicProperties(message.BasicProperties), message.Body, cancellationToken);
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                }
                else held.Add(message.DeliveryTag);

                if (progress is not null && (scanned % ProgressEvery == 0 || scanned == queueLength))
                    await progress(new ReplayProgress(scanned, queueLength, found.Count));
            }
        }
        finally
        {
            foreach (var tag in held) await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }

        var returned = await ReturnMissingToPendingAsync(wanted.Except(found).ToList(), cancellationToken);
        logger.LogWarning("Dead-letter replay ({Filter}): {Replayed} messages moved back to {Queue}, {Left} left, {Returned} receipts returned to Pending",
            filter, found.Count, DeliveryQueue, held.Count, returned);
        return new ReplayResult(found.Count, held.Count, returned);
    }

    /// <summary>A dead-lettered receipt whose message is gone (purged, moved elsewhere) is claimed anew by the next pass.</summary>
    private async Task<int> ReturnMissingToPendingAsync(List<Guid> receiptIds, CancellationToken cancellationToken)
    {
        if (receiptIds.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Receipts
            .Where(r => receiptIds.Contains(r.ReceiptId) && r.Status == ReceiptStatus.DeadLettered)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceiptStatus.Pending)
                .SetProperty(r => r.ClaimToken, (Guid?)null)
                .SetProperty(r => r.DeadLetteredAt, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
    }

    /// <summary>The receiptId inside a MassTransit envelope, or null for anything else.</summary>
    private static Guid? ReceiptIdOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("message", out var message)
                && message.TryGetProperty("receiptId", out var id)
                && id.TryGetGuid(out var receiptId) ? receiptId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
