using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Ofd;

public static class OfdRegistration
{
    public static IHostApplicationBuilder AddOfd(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<OfdOptions>(OfdOptions.SectionName);
        builder.Services.AddValidatedOptions<CircuitOptions>(CircuitOptions.SectionName);
        builder.Services.AddSingleton<OfdCircuit>();
        // No retrying handler here: a blind HTTP retry of a POST with an unknown outcome could register twice.
        // Retries go through the broker, and each one first asks the OFD what it already has.
        builder.Services.AddHttpClient<OfdClient>((services, http) =>
        {
            var ofd = services.GetRequiredService<IOptions<OfdOptions>>().Value;
            http.BaseAddress = ofd.BaseUrl;
            http.Timeout = ofd.Timeout;
            if (!string.IsNullOrEmpty(ofd.ApiKey)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ofd.ApiKey);
        });
        return builder;
    }
}
