namespace KktMessaging.Contracts;

public sealed record Customer
{
    /// <summary>A phone number as <c>+digits</c> or an e-mail address, where the OFD sends the receipt.</summary>
    public string? Contact { get; init; }
}
