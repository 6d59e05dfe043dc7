namespace KktMessaging.Service.Buffer;

/// <summary>One buffered receipt: the original payload and everything that happened to it since.</summary>
public sealed class ReceiptRecord
{
    /// <summary>Storage order; "oldest first" means lowest id first.</summary>
    public long Id { get; set; }

    public Guid ReceiptId { get; set; }
    public ReceiptStatus Status { get; set; }

    /// <summary>The receipt as accepted, in canonical JSON; this is what the OFD receives.</summary>
    public string Payload { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Payload"/>: tells a harmless repeat from a different receipt under the same id.</summary>
    public string PayloadHash { get; set; } = "";

    public DateTime OccurredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The claim of the latest sync pass; only a SendToOfd carrying this token may act on the receipt.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTime? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Transient, Permanent, Systemic or Internal: what kind of failure <see cref="LastError"/> was.</summary>
    public string? LastErrorClass { get; set; }

    public DateTime? DeadLetteredAt { get; set; }

    /// <summary>For a Rejected receipt: its validation errors as JSON, so a repeat can announce them again.</summary>
    public string? ValidationErrors { get; set; }

    public DateTime? DeliveredAt { get; set; }
    public string? FiscalSign { get; set; }
    public long? FdNumber { get; set; }
    public string? FnNumber { get; set; }
}
