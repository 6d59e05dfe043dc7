namespace KktMessaging.Service.Delivery;

/// <summary>One dead-lettered receipt. <see cref="AgeSeconds"/> counts from its fiscal time, as the 30-day rule does.</summary>
public sealed record DeadLetterEntry(
    Guid ReceiptId, string? Reason, string? ErrorClass, int Attempts, DateTime OccurredAt, DateTime? DeadLetteredAt, double AgeSeconds);

public sealed record ReplayProgress(int Scanned, int QueueLength, int Replayed);

/// <param name="Replayed">Messages moved from send-to-ofd_error back to send-to-ofd.</param>
/// <param name="LeftInErrorQueue">Messages that did not match the filter, or whose receipt is not dead-lettered; they stay.</param>
/// <param name="ReturnedToPending">Matching receipts whose message was not in the error queue: the next pass sends them again.</param>
public sealed record ReplayResult(int Replayed, int LeftInErrorQueue, int ReturnedToPending);
