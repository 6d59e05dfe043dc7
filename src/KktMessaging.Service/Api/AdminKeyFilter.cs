using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Api;

/// <summary>Lets a request through only with the configured admin key in <c>X-Api-Key</c>.</summary>
internal sealed class AdminKeyFilter(IOptions<ApiOptions> options, ILogger<AdminKeyFilter> logger) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.AdminKey;
        if (string.IsNullOrEmpty(expected))
            return Results.Problem("Admin endpoints are disabled: set Api__AdminKey to enable them", statusCode: StatusCodes.Status403Forbidden);

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            logger.LogWarning("Admin request to {Path} refused: missing or wrong {Header}", context.HttpContext.Request.Path, Header);
            return Results.Problem($"Send the admin key in the {Header} header", statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}
