namespace KktMessaging.Service.Delivery;

public static class DeliveryRegistration
{
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        builder.Services.AddScoped<DeliveryStore>();
        builder.Services.AddScoped<DeadLetterReplayer>();
        builder.Services.AddSingleton<DeliveryGate>();
        builder.Services.AddSingleton<DeliveryEndpointSwitch>();
        builder.Services.AddHostedService<DeliveryProber>();
        builder.Services.AddHealthChecks().AddCheck<DeliveryHealthCheck>("delivery", tags: ["ready"]);
        return builder;
    }
}
