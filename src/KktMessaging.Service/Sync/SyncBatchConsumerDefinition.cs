using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.Service.Sync;

public sealed class SyncBatchConsumerDefinition : ConsumerDefinition<SyncBatchConsumer>
{
    public SyncBatchConsumerDefinition()
    {
        // Passes over one buffer are serial anyway (the lock); one at a time per process keeps the queue honest.
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = 1;
            endpoint.ConcurrentMessageLimit = 1;
        });
    }
}
