namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="Vat.Rate"/>: plain rates and calculated ones (vat120 = 20/120).</summary>
public static class VatRates
{
    public const string None = "none";
    public const string Vat0 = "vat0";
    public const string Vat5 = "vat5";
    public const string Vat7 = "vat7";
    public const string Vat10 = "vat10";
    public const string Vat20 = "vat20";
    public const string Vat22 = "vat22";
    public const string Vat105 = "vat105";
    public const string Vat107 = "vat107";
    public const string Vat110 = "vat110";
    public const string Vat120 = "vat120";
    public const string Vat122 = "vat122";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        None, Vat0, Vat5, Vat7, Vat10, Vat20, Vat22, Vat105, Vat107, Vat110, Vat120, Vat122,
    };
}
