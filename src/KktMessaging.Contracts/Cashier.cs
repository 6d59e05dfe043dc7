namespace KktMessaging.Contracts;

public sealed record Cashier
{
    public string Name { get; init; } = "";
    public string? Inn { get; init; }
}
