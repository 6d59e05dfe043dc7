using KktMessaging.Service.Buffer;

namespace KktMessaging.Service.Api;

/// <summary>A receipt's whole story as the status API tells it.</summary>
public sealed record ReceiptView(
    Guid ReceiptId,
    ReceiptStatus Status,
    int Attempts,
    string? LastError,
    DateTime CreatedAt,
    DateTime? LastAttemptAt,
    DateTime? DeliveredAt,
    FiscalView? Fiscal)
{
    public static ReceiptView From(ReceiptRecord record) => new(
        record.ReceiptId,
        record.Status,
        record.Attempts,
        record.LastError,
        record.CreatedAt,
        record.LastAttemptAt,
        record.DeliveredAt,
        record.FiscalSign is null ? null : new FiscalView(record.FiscalSign, record.FdNumber ?? 0, record.FnNumber ?? ""));
}

public sealed record FiscalView(string FiscalSign, long FdNumber, string FnNumber);
