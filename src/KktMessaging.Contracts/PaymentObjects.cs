namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="ReceiptItem.PaymentObject"/>.</summary>
public static class PaymentObjects
{
    public const string Commodity = "commodity";
    public const string Excise = "excise";
    public const string Job = "job";
    public const string Service = "service";
    public const string Payment = "payment";
    public const string Composite = "composite";
    public const string Another = "another";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        Commodity, Excise, Job, Service, Payment, Composite, Another,
    };
}
