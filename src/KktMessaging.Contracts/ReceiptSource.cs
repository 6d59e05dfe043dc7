namespace KktMessaging.Contracts;

public sealed record ReceiptSource
{
    public string StoreId { get; init; } = "";
    public string PosId { get; init; } = "";
    public Cashier Cashier { get; init; } = new();
}
