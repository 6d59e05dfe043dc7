namespace KktMessaging.Service.Ingestion;

public static class IngestionRegistration
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<IngestionOptions>(IngestionOptions.SectionName);
        builder.Services.AddScoped<ReceiptIngestor>();
        return builder;
    }
}
