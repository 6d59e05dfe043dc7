namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="ReceiptItem.PaymentMethod"/>.</summary>
public static class PaymentMethods
{
    public const string FullPrepayment = "full_prepayment";
    public const string Prepayment = "prepayment";
    public const string Advance = "advance";
    public const string FullPayment = "full_payment";
    public const string PartialPayment = "partial_payment";
    public const string Credit = "credit";
    public const string CreditPayment = "credit_payment";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        FullPrepayment, Prepayment, Advance, FullPayment, PartialPayment, Credit, CreditPayment,
    };
}
