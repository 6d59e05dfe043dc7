using System.Text.Json;
using KktMessaging.Contracts;
using KktMessaging.Service.Buffer;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Ingestion;

/// <summary>
/// Stores a batch of receipts in one transaction: new valid ones as Pending, new invalid ones as Rejected.
/// A receiptId already in the buffer is never stored again; with a different body it is refused.
/// </summary>
public sealed class ReceiptIngestor(BufferDbContext db, TimeProvider clock, ILogger<ReceiptIngestor> logger)
{
    private const int MaxRounds = 3;

    public async Task<IngestionResult> StoreAsync(IReadOnlyList<ReceiptCreated> receipts, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                return await StoreOnceAsync(receipts, cancellationToken);
            }
            catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception) && round < MaxRounds)
            {
                // Another process stored one of these ids between our read and our write: the next round sees it.
                logger.LogDebug("A receipt of this batch was stored concurrently; storing the batch again");
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<IngestionResult> StoreOnceAsync(IReadOnlyList<ReceiptCreated> receipts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = await LoadKnownAsync(receipts, cancellationToken);
        var rejections = new List<ReceiptRejected>();
        var storedPending = 0;
        foreach (var receipt in receipts)
        {
            if (receipt.ReceiptId == Guid.Empty)
            {
                var errors = ReceiptValidator.Validate(receipt);
                logger.LogWarning("Receipt without a receiptId refused, it cannot be stored: {Errors}", Describe(errors));
                rejections.Add(Rejection(receipt.ReceiptId, errors, now));
                continue;
            }

            var payload = ReceiptPayload.Serialize(receipt);
            var hash = ReceiptPayload.Hash(payload);
            if (known.TryGetValue(receipt.ReceiptId, out var stored))
            {
                if (RepeatRejection(receipt.ReceiptId, stored, hash, now) is { } rejection) rejections.Add(rejection);
                continue;
            }

            var record = NewRecord(receipt, payload, hash, now);
            db.Receipts.Add(record);
            known[receipt.ReceiptId] = new StoredReceipt(hash, record.Status, record.ValidationErrors);
            if (record.Status == ReceiptStatus.Rejected) rejections.Add(Rejection(receipt.ReceiptId, ReadErrors(record.ValidationErrors), now));
            else storedPending++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new IngestionResult(rejections, storedPending);
    }

    private async Task<Dictionary<Guid, StoredReceipt>> LoadKnownAsync(IReadOnlyList<ReceiptCreated> receipts, CancellationToken cancellationToken)
    {
        var ids = receipts.Select(r => r.ReceiptId).Where(id => id != Guid.Empty).Distinct().ToList();
        return await db.Receipts.AsNoTracking()
            .Where(r => ids.Contains(r.ReceiptId))
            .ToDictionaryAsync(r => r.ReceiptId, r => new StoredReceipt(r.PayloadHash, r.Status, r.ValidationErrors), cancellationToken);
    }

    private ReceiptRecord NewRecord(ReceiptCreated receipt, string payload, string hash, DateTimeOffset now)
    {
        var errors = ReceiptValidator.Validate(receipt);
        var record = new ReceiptRecord
        {
            ReceiptId = receipt.ReceiptId,
            Status = errors.Count == 0 ? ReceiptStatus.Pending : ReceiptStatus.Rejected,
            Payload = payload,
            PayloadHash = hash,
            OccurredAt = receipt.OccurredAt.UtcDateTime,
            CreatedAt = now.UtcDateTime,
            UpdatedAt = now.UtcDateTime,
        };
        if (errors.Count > 0)
        {
            record.ValidationErrors = JsonSerializer.Serialize(errors, ReceiptPayload.JsonOptions);
            record.LastError = Describe(errors);
            logger.LogWarning("Receipt {ReceiptId} rejected, it will not be sent to the OFD: {Errors}", receipt.ReceiptId, record.LastError);
        }

        return record;
    }

    /// <summary>A repeat of a stored receipt: silent when identical, a refusal when the body differs.</summary>
    private ReceiptRejected? RepeatRejection(Guid receiptId, StoredReceipt stored, string hash, DateTimeOffset now)
    {
        if (stored.PayloadHash != hash)
        {
            logger.LogError(
                "Receipt {ReceiptId} refused: a different receipt with this receiptId is already stored ({Status}); the first one is kept",
                receiptId, stored.Status);
            return Rejection(receiptId, [Conflict(receiptId)], now);
        }

        logger.LogDebug("Receipt {ReceiptId} is already stored ({Status}); the repeat is ignored", receiptId, stored.Status);
        // A rejection is announced again, in case the first announcement was lost before its batch was acked.
        return stored.Status == ReceiptStatus.Rejected ? Rejection(receiptId, ReadErrors(stored.ValidationErrors), now) : null;
    }

    public static FieldError Conflict(Guid receiptId) => new(
        "receiptId", "conflict", $"receiptId {receiptId} already names a different receipt; receiptIds are never reused");

    private static ReceiptRejected Rejection(Guid receiptId, IReadOnlyList<FieldError> errors, DateTimeOffset now) =>
        new() { ReceiptId = receiptId, RejectedAt = now, Errors = errors };

    private static IReadOnlyList<FieldError> ReadErrors(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(json, ReceiptPayload.JsonOptions) ?? [];

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));

    private sealed record StoredReceipt(string PayloadHash, ReceiptStatus Status, string? ValidationErrors);
}
