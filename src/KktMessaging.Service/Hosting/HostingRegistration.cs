using MassTransit;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Hosting;

public static class HostingRegistration
{
    /// <summary>A stop that turns unready first and ends within <see cref="ShutdownOptions.StopTimeout"/>.</summary>
    public static IHostApplicationBuilder AddGracefulShutdown(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ShutdownOptions>(ShutdownOptions.SectionName)
            .Validate(options => options.StopTimeout > options.UnreadyDelay, "Shutdown:StopTimeout must be longer than Shutdown:UnreadyDelay");
        builder.Services.AddSingleton<GracefulShutdown>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GracefulShutdown>());
        builder.Services.AddHealthChecks().AddCheck<GracefulShutdown>("lifecycle", tags: ["ready"]);
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.StopTimeout);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure<IOptions<ShutdownOptions>>((bus, shutdown) =>
            bus.StopTimeout = shutdown.Value.StopTimeout - shutdown.Value.UnreadyDelay);
        return builder;
    }
}
