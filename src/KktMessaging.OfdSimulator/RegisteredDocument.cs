namespace KktMessaging.OfdSimulator;

/// <summary>The fiscal attributes the simulator gave a receipt, in the shape the service reads.</summary>
public sealed record RegisteredDocument(Guid ReceiptId, string FiscalSign, long FdNumber, string FnNumber, DateTimeOffset RegisteredAt);
