namespace KktMessaging.Contracts;

/// <summary>
/// A fiscal receipt produced by a POS service. <see cref="ReceiptId"/> is the idempotency key:
/// publishing the same receipt again is harmless, reusing the id for another receipt is refused.
/// Enumerated fields carry the exact strings listed in the vocabulary classes (<see cref="Operations"/>, ...).
/// </summary>
public sealed record ReceiptCreated
{
    public Guid ReceiptId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public ReceiptSource Source { get; init; } = new();
    public string Operation { get; init; } = "";
    public string FfdVersion { get; init; } = "";
    public Company Company { get; init; } = new();
    public Customer? Customer { get; init; }
    public IReadOnlyList<ReceiptItem> Items { get; init; } = [];
    public IReadOnlyList<Payment> Payments { get; init; } = [];
    public decimal Total { get; init; }

    /// <summary>The receiptId of the sale being refunded; required for refund operations.</summary>
    public Guid? RefundOf { get; init; }

    /// <summary>An opaque reference to the document in the shop's ERP, passed through untouched.</summary>
    public string? ErpRef { get; init; }
}
