namespace KktMessaging.Contracts;

public sealed record Vat
{
    /// <summary>One of <see cref="VatRates"/>.</summary>
    public string Rate { get; init; } = "";

    public decimal? Sum { get; init; }
}
