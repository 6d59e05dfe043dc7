namespace KktMessaging.Contracts;

/// <summary>Values of <see cref="ReceiptCreated.FfdVersion"/>: the fiscal document format version.</summary>
public static class FfdVersions
{
    public const string V105 = "1.05";
    public const string V12 = "1.2";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { V105, V12 };
}
