namespace KktMessaging.Service.Sync;

public static class SyncRegistration
{
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SyncPass>();
        builder.Services.AddHostedService<SyncScheduler>();
        return builder;
    }
}
