namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="Company.TaxationSystem"/>.</summary>
public static class TaxationSystems
{
    public const string Osn = "osn";
    public const string UsnIncome = "usn_income";
    public const string UsnIncomeOutcome = "usn_income_outcome";
    public const string Esn = "esn";
    public const string Patent = "patent";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Osn, UsnIncome, UsnIncomeOutcome, Esn, Patent };
}
