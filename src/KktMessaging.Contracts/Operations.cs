namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="ReceiptCreated.Operation"/>.</summary>
public static class Operations
{
    public const string Sell = "sell";
    public const string SellRefund = "sell_refund";
    public const string Buy = "buy";
    public const string BuyRefund = "buy_refund";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Sell, SellRefund, Buy, BuyRefund };

    public static bool IsRefund(string operation) => operation is SellRefund or BuyRefund;
}
