namespace KktMessaging.Service.Ofd;

/// <summary>What the OFD registered for a receipt: the fiscal sign (FPD), the document number and the fiscal drive.</summary>
public sealed record FiscalAttributes(string FiscalSign, long FdNumber, string FnNumber, DateTimeOffset RegisteredAt);
