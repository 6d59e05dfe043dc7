namespace KktMessaging.Service.Delivery;

/// <summary>Which dead-lettered receipts to list or replay: one receipt, one error class, or (both null) all.</summary>
public sealed record DeadLetterFilter(Guid? ReceiptId = null, string? ErrorClass = null)
{
    public static readonly IReadOnlyList<string> ErrorClasses = ["Transient", "Permanent", "Systemic", OfdDeliveryException.InternalErrorClass];

    /// <summary>A filter from request or command-line values, or the reason they do not make one.</summary>
    public static (DeadLetterFilter? Filter, string? Error) Parse(string? receiptId, string? errorClass, bool all)
    {
        var chosen = (receiptId is not null ? 1 : 0) + (errorClass is not null ? 1 : 0) + (all ? 1 : 0);
        if (chosen != 1) return (null, "choose exactly one of: all, a receiptId, an errorClass");
        if (receiptId is not null)
            return Guid.TryParse(receiptId, out var id) ? (new DeadLetterFilter(ReceiptId: id), null) : (null, $"receiptId must be a GUID, got '{receiptId}'");
        if (errorClass is not null)
        {
            var known = ErrorClasses.FirstOrDefault(c => string.Equals(c, errorClass, StringComparison.OrdinalIgnoreCase));
            return known is null
                ? (null, $"errorClass must be one of {string.Join(", ", ErrorClasses)}, got '{errorClass}'")
                : (new DeadLetterFilter(ErrorClass: known), null);
        }

        return (new DeadLetterFilter(), null);
    }
}
