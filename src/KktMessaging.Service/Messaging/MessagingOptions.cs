namespace KktMessaging.Service.Messaging;

public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>
    /// The type of every queue the service declares. RabbitMQ cannot change the type of an existing queue:
    /// switching means draining and deleting the queues first.
    /// </summary>
    public QueueType QueueType { get; set; } = QueueType.Classic;
}
