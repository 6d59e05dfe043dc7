namespace KktMessaging.Service.Sync;

public static class SyncRegistration
{
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SyncOptions>(SyncOptions.SectionName);
        builder.Services.AddScoped<SyncStateStore>();
        builder.Services.AddScoped<SyncPass>();
        builder.Services.AddScoped<SyncChain>();
        builder.Services.AddSingleton<SyncNudger>();
        builder.Services.AddHostedService<SyncChainWatchdog>();
        return builder;
    }
}
