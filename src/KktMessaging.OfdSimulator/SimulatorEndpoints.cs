using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KktMessaging.OfdSimulator;

public static class SimulatorEndpoints
{
    public static IHostApplicationBuilder AddOfdSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Ledger>();
        builder.Services.AddSingleton<Faults>();
        return builder;
    }

    public static WebApplication MapOfdSimulator(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/receipts");
        api.MapPost("/", RegisterAsync);
        api.MapGet("/{receiptId:guid}", FindAsync);

        var admin = app.MapGroup("/admin");
        admin.MapGet("/ledger", (Ledger ledger) => ledger.Summary());
        admin.MapGet("/ledger/calls", (Ledger ledger) => ledger.Calls());
        admin.MapGet("/ledger/{receiptId:guid}", (Guid receiptId, Ledger ledger) => ledger.Entry(receiptId));
        admin.MapGet("/faults", (Faults faults) => faults.Current);
        admin.MapPost("/faults", SetFaults);
        admin.MapPost("/reset", (Ledger ledger, Faults faults) =>
        {
            ledger.Reset();
            faults.Set(new FaultSettings());
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, Ledger ledger, Faults faults, IOptions<SimulatorOptions> options, ILogger<Ledger> logger)
    {
        JsonElement document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException exception)
        {
            ledger.CountSubmission(null);
            return Errors(StatusCodes.Status400BadRequest, [$"the body is not JSON: {exception.Message}"]).Result;
        }

        var receiptId = DocumentCheck.ReceiptId(context.Request, document);
        ledger.CountSubmission(receiptId);
        var (status, result) = await DecideRegistrationAsync(context, receiptId, document, ledger, faults, options.Value, logger);
        if (receiptId is { } id) ledger.RecordCall(id, "POST", status);
        return result;
    }

    private static async Task<(int Status, IResult Result)> DecideRegistrationAsync(
        HttpContext context, Guid? receiptId, JsonElement document, Ledger ledger, Faults faults, SimulatorOptions options, ILogger logger)
    {
        if (await RefuseAsync(context, receiptId, faults, options) is { } refusal) return refusal;
        if (receiptId is not { } id) return Errors(StatusCodes.Status400BadRequest, ["receiptId: send it in the Idempotency-Key header or the document"]);
        if (faults.IsPermanent(id)) return Errors(StatusCodes.Status400BadRequest, [$"receipt {id}: the document is refused (permanent fault)"]);
        var errors = DocumentCheck.Validate(document);
        if (errors.Count > 0) return Errors(StatusCodes.Status400BadRequest, errors);

        var (registered, created) = ledger.Register(id);
        if (created && faults.ShouldDropResponse())
        {
            logger.LogInformation("Registered {ReceiptId} and dropped the response", id);
            context.Abort();
            return (0, Results.Empty);
        }

        return created
            ? (StatusCodes.Status201Created, Results.Created($"/api/v1/receipts/{id}", registered))
            : (StatusCodes.Status409Conflict, Results.Conflict(registered));
    }

    private static async Task<IResult> FindAsync(Guid receiptId, HttpContext context, Ledger ledger, Faults faults, IOptions<SimulatorOptions> options)
    {
        var (status, result) = await RefuseAsync(context, receiptId, faults, options.Value)
            ?? (ledger.Find(receiptId) is { } document
                ? (StatusCodes.Status200OK, Results.Ok(document))
                : (StatusCodes.Status404NotFound, Results.NotFound()));
        ledger.RecordCall(receiptId, "GET", status);
        return result;
    }

    /// <summary>Authentication, then the configured latency and failures, as a real OFD front end would order them.</summary>
    private static async Task<(int Status, IResult Result)?> RefuseAsync(HttpContext context, Guid? receiptId, Faults faults, SimulatorOptions options)
    {
        if (!string.IsNullOrEmpty(options.ApiKey) && context.Request.Headers.Authorization.ToString() != $"Bearer {options.ApiKey}")
            return Errors(StatusCodes.Status401Unauthorized, ["missing or wrong API key"]);

        var settings = faults.Current;
        if (settings.LatencyMs > 0) await Task.Delay(settings.LatencyMs, context.RequestAborted);
        if (faults.TakeFailure(receiptId) is not { } status) return null;
        if (status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString();
        return Errors(status, [$"simulated failure {status}"]);
    }

    private static IResult SetFaults(FaultSettings settings, Faults faults, ILogger<Faults> logger)
    {
        var errors = settings.Validate();
        if (errors.Count > 0) return Errors(StatusCodes.Status400BadRequest, errors).Result;
        faults.Set(settings);
        logger.LogInformation("Faults set: {Faults}", settings);
        return Results.Ok(faults.Current);
    }

    private static (int Status, IResult Result) Errors(int status, IReadOnlyList<string> errors) => (status, Results.Json(new { errors }, statusCode: status));
}
