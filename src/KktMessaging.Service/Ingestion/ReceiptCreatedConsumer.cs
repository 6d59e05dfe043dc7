using KktMessaging.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Ingestion;

/// <summary>
/// Stores incoming receipts in batches. A batch is acknowledged only when this method returns, that is after
/// the buffer committed it, so a crash before the commit brings the messages back.
/// </summary>
public sealed class ReceiptCreatedConsumer(ReceiptIngestor ingestor) : IConsumer<Batch<ReceiptCreated>>
{
    public async Task Consume(ConsumeContext<Batch<ReceiptCreated>> context)
    {
        var receipts = context.Message.Select(message => message.Message).ToList();
        var rejections = await ingestor.StoreAsync(receipts, context.CancellationToken);
        await Task.WhenAll(rejections.Select(rejection => context.Publish(rejection, context.CancellationToken)));
    }
}
