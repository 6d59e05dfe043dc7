namespace KktMessaging.Service.Buffer;

/// <summary>Where a receipt is in its life. Stored as text, so the names are part of the schema.</summary>
public enum ReceiptStatus
{
    /// <summary>Stored, waiting for a sync pass.</summary>
    Pending,

    /// <summary>Claimed by a sync pass; a SendToOfd message carrying the claim token is in the broker.</summary>
    Dispatched,

    /// <summary>Terminal: the OFD accepted it and its fiscal attributes are stored.</summary>
    Delivered,

    /// <summary>Terminal: it failed validation and is never sent.</summary>
    Rejected,

    /// <summary>Delivery gave up; its message waits in the error queue for a replay.</summary>
    DeadLettered,
}
