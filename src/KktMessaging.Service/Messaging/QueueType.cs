namespace KktMessaging.Service.Messaging;

public enum QueueType
{
    Classic,

    /// <summary>Replicated RabbitMQ quorum queues; delay queues then dead-letter at least once.</summary>
    Quorum,
}
