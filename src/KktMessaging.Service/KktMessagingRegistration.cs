using KktMessaging.Service.Api;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Hosting;
using KktMessaging.Service.Ingestion;
using KktMessaging.Service.Locking;
using KktMessaging.Service.Messaging;
using KktMessaging.Service.Ofd;
using KktMessaging.Service.Sync;

namespace KktMessaging.Service;

public static class KktMessagingRegistration
{
    /// <summary>Everything the service runs. The buffer comes first: its schema is migrated before the bus starts.</summary>
    public static IHostApplicationBuilder AddKktMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        return builder
            .AddGracefulShutdown()
            .AddBuffer()
            .AddLocking()
            .AddIngestion()
            .AddSync()
            .AddOfd()
            .AddDelivery()
            .AddMessaging()
            .AddApi();
    }

    public static WebApplication MapKktMessaging(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapKktMessagingApi();
        app.MapDeadLetterApi();
        return app;
    }
}
