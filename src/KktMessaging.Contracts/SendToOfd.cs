namespace KktMessaging.Contracts;

/// <summary>
/// Delivers one buffered receipt to the OFD. <see cref="ClaimToken"/> identifies the sync pass claim that
/// produced this message: a message whose token no longer matches the receipt's claim is stale and ignored.
/// </summary>
public sealed record SendToOfd
{
    public Guid ReceiptId { get; init; }
    public Guid ClaimToken { get; init; }
    public DateTimeOffset DispatchedAt { get; init; }
}
