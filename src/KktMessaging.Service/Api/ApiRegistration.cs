using System.Text.Json.Serialization;

namespace KktMessaging.Service.Api;

public static class ApiRegistration
{
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddScoped<BufferStatusQuery>();
        builder.Services.AddHealthChecks();
        return builder;
    }
}
