namespace KktMessaging.Service.Delivery;

public static class DeliveryRegistration
{
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DeliveryStore>();
        return builder;
    }
}
