namespace KktMessaging.Contracts;

/// <summary>Delivery gave up on the receipt; its SendToOfd message waits in the error queue for a replay.</summary>
public sealed record ReceiptDeadLettered
{
    public Guid ReceiptId { get; init; }
    public DateTimeOffset DeadLetteredAt { get; init; }
    public string Reason { get; init; } = "";
    public string ErrorClass { get; init; } = "";
    public int Attempts { get; init; }
}
