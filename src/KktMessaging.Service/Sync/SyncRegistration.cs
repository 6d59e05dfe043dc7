namespace KktMessaging.Service.Sync;

public static class SyncRegistration
{
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SyncOptions>(SyncOptions.SectionName);
        builder.Services.AddScoped<SyncPass>();
        builder.Services.AddHostedService<SyncScheduler>();
        return builder;
    }
}
