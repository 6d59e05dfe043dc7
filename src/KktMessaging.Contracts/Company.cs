namespace KktMessaging.Contracts;

public sealed record Company
{
    public string Inn { get; init; } = "";

    /// <summary>One of <see cref="TaxationSystems"/>.</summary>
    public string TaxationSystem { get; init; } = "";

    /// <summary>The shop's address or web site, printed on the receipt.</summary>
    public string PaymentPlace { get; init; } = "";
}
