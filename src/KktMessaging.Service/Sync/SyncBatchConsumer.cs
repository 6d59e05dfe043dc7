using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.Service.Sync;

/// <summary>Runs one sync pass per request. A failed pass is not retried: the next request runs a fresh one.</summary>
public sealed class SyncBatchConsumer(SyncPass pass, ILogger<SyncBatchConsumer> logger) : IConsumer<SyncBatchRequested>
{
    public async Task Consume(ConsumeContext<SyncBatchRequested> context)
    {
        try
        {
            await pass.RunAsync(context.Message.Reason, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Sync pass ({Reason}) failed; the next scheduled pass tries again", context.Message.Reason);
        }
    }
}
