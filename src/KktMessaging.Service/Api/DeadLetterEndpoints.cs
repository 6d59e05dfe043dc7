using System.Text.Json;
using KktMessaging.Service.Delivery;

namespace KktMessaging.Service.Api;

/// <summary>The dead-letter queue for operators: list what is there and why, replay all, one receipt or one error class.</summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var dlq = app.MapGroup("/api/dlq").AddEndpointFilter<AdminKeyFilter>();
        dlq.MapGet("/", ListAsync);
        dlq.MapPost("/replay", ReplayAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string? receiptId, string? errorClass, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        var (filter, error) = DeadLetterFilter.Parse(receiptId, errorClass, all: receiptId is null && errorClass is null);
        if (filter is null) return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        return Results.Ok(await replayer.ListAsync(filter, cancellationToken));
    }

    /// <summary>Streams one JSON line per progress step, then the result, so a large replay shows how far it got.</summary>
    private static async Task ReplayAsync(
        string? receiptId, string? errorClass, bool? all, HttpContext context, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        var (filter, error) = DeadLetterFilter.Parse(receiptId, errorClass, all ?? false);
        if (filter is null)
        {
            await Results.Problem(error, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        var result = await replayer.ReplayAsync(filter, progress => WriteLineAsync(context, new { progress }, cancellationToken), cancellationToken);
        await WriteLineAsync(context, new { result }, cancellationToken);
    }

    private static async Task WriteLineAsync(HttpContext context, object value, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync(JsonSerializer.Serialize(value, JsonSerializerOptions.Web) + "\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
