using KktMessaging.Contracts;
using MassTransit;
using KktMessaging.Service.Sync;

namespace KktMessaging.Service.Ingestion;

/// <summary>
/// Stores incoming receipts in batches. A batch is acknowledged only when this method returns, that is after
/// the buffer committed it, so a crash before the commit brings the messages back. New receipts nudge a pass.
/// </summary>
public sealed class ReceiptCreatedConsumer(ReceiptIngestor ingestor, SyncNudger nudger) : IConsumer<Batch<ReceiptCreated>>
{
    public async Task Consume(ConsumeContext<Batch<ReceiptCreated>> context)
    {
        var receipts = context.Message.Select(message => message.Message).ToList();
        var result = await ingestor.StoreAsync(receipts, context.CancellationToken);
        if (result.StoredPending > 0) nudger.Nudge();
        await Task.WhenAll(result.Rejections.Select(rejection => context.Publish(rejection, context.CancellationToken)));
    }
}
