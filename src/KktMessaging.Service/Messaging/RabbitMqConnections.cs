using RabbitMQ.Client;

namespace KktMessaging.Service.Messaging;

/// <summary>Plain RabbitMQ.Client connections, for the few things MassTransit does not do (topology, error-queue walks).</summary>
public static class RabbitMqConnections
{
    public static ConnectionFactory CreateFactory(RabbitMqOptions options) => new()
    {
        HostName = options.Host,
        Port = options.Port,
        VirtualHost = options.VirtualHost,
        UserName = options.Username,
        Password = options.Password,
    };
}
