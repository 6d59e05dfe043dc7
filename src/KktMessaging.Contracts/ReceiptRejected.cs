namespace KktMessaging.Contracts;

/// <summary>The receipt failed validation (or reused a receiptId) and will never be sent to the OFD.</summary>
public sealed record ReceiptRejected
{
    public Guid ReceiptId { get; init; }
    public DateTimeOffset RejectedAt { get; init; }
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
}
