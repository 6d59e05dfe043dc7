namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="Payment.Type"/>.</summary>
public static class PaymentTypes
{
    public const string Cash = "cash";
    public const string Electronic = "electronic";
    public const string Prepaid = "prepaid";
    public const string Credit = "credit";
    public const string Other = "other";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Cash, Electronic, Prepaid, Credit, Other };
}
