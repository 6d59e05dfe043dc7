using KktMessaging.Service.Buffer;
using KktMessaging.Contracts;
using KktMessaging.Service.Sync;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Api;

public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapKktMessagingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/receipts/{receiptId}", GetReceiptAsync);
        api.MapGet("/buffer/status", (BufferStatusQuery query, CancellationToken cancellationToken) => query.GetAsync(cancellationToken));
        api.MapPost("/sync", RunSyncPassAsync).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    private static async Task<IResult> GetReceiptAsync(string receiptId, BufferDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(receiptId, out var id))
            return Results.Problem($"receiptId must be a GUID, got '{receiptId}'", statusCode: StatusCodes.Status400BadRequest);
        var record = await db.Receipts.AsNoTracking().SingleOrDefaultAsync(r => r.ReceiptId == id, cancellationToken);
        return record is null
            ? Results.Problem($"No receipt {id} in this buffer", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(ReceiptView.From(record));
    }

    /// <summary>Runs a pass now, through the same lock as scheduled passes.</summary>
    private static async Task<IResult> RunSyncPassAsync(SyncPass pass, CancellationToken cancellationToken)
    {
        var result = await pass.RunAsync(SyncReasons.Manual, chainId: null, cancellationToken);
        return result.Outcome switch
        {
            SyncPassOutcome.Ran => Results.Accepted(value: new { result.Claimed, result.Reclaimed }),
            SyncPassOutcome.LockHeldElsewhere => Results.Problem("A sync pass holds the buffer lock; try again when it ends", statusCode: StatusCodes.Status409Conflict),
            SyncPassOutcome.DeliveryPaused => Results.Problem($"Delivery is paused: {result.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable),
            SyncPassOutcome.LockUnavailable => Results.Problem("Redis does not answer, so the buffer lock cannot be taken; no pass runs without it", statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Problem("The pass lost its lock before it could commit; try again", statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }
}
