namespace KktMessaging.Contracts;

/// <summary>The OFD accepted the receipt; these are the fiscal attributes it registered.</summary>
public sealed record ReceiptDelivered
{
    public Guid ReceiptId { get; init; }
    public DateTimeOffset DeliveredAt { get; init; }
    public string FiscalSign { get; init; } = "";
    public long FdNumber { get; init; }
    public string FnNumber { get; init; } = "";
}
