using KktMessaging.Contracts;

namespace KktMessaging.Service.Ingestion;

/// <summary>Collects field errors with the wording every rule shares.</summary>
internal sealed class ValidationErrors : List<FieldError>
{
    public void Add(string field, string code, string message) => Add(new FieldError(field, code, message));

    public void Required(string field) => Add(field, "required", $"{field} is required");

    public void NotBlank(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Required(field);
    }

    public void OneOf(string field, string? value, IReadOnlySet<string> allowed)
    {
        if (string.IsNullOrEmpty(value)) Required(field);
        else if (!allowed.Contains(value))
            Add(field, "unknown_value", $"'{value}' is not one of: {string.Join(", ", allowed)}");
    }

    public void Money(string field, decimal value, bool allowZero)
    {
        if (value < 0 || (!allowZero && value == 0))
            Add(field, "range", $"{field} must be {(allowZero ? "zero or more" : "more than zero")}, got {value}");
        if (decimal.Round(value, 2) != value)
            Add(field, "precision", $"{field} has at most 2 decimals (kopecks), got {value}");
    }

    public void Quantity(string field, decimal value)
    {
        if (value <= 0) Add(field, "range", $"{field} must be more than zero, got {value}");
        if (decimal.Round(value, 3) != value)
            Add(field, "precision", $"{field} has at most 3 decimals, got {value}");
    }
}
