namespace KktMessaging.Contracts;

public sealed record Payment
{
    /// <summary>One of <see cref="PaymentTypes"/>.</summary>
    public string Type { get; init; } = "";

    public decimal Sum { get; init; }
}
