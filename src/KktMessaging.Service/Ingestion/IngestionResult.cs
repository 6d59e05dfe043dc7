using KktMessaging.Contracts;

namespace KktMessaging.Service.Ingestion;

/// <param name="Rejections">To announce, after the batch is committed.</param>
/// <param name="StoredPending">New receipts waiting for delivery.</param>
public sealed record IngestionResult(IReadOnlyList<ReceiptRejected> Rejections, int StoredPending);
