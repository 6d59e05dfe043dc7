namespace KktMessaging.Contracts;

public sealed record ReceiptItem
{
    public string Name { get; init; } = "";
    public decimal Price { get; init; }
    public decimal Quantity { get; init; }

    /// <summary>Must equal <c>round(Price * Quantity, 2)</c>.</summary>
    public decimal Sum { get; init; }

    public string? Measure { get; init; }

    /// <summary>One of <see cref="PaymentMethods"/>.</summary>
    public string PaymentMethod { get; init; } = "";

    /// <summary>One of <see cref="PaymentObjects"/>.</summary>
    public string PaymentObject { get; init; } = "";

    public Vat Vat { get; init; } = new();
    public string? MarkCode { get; init; }
}
