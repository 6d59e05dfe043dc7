using System.Text.RegularExpressions;
using KktMessaging.Contracts;

namespace KktMessaging.Service.Ingestion;

/// <summary>
/// Checks a <see cref="ReceiptCreated"/> against every rule of the contract and reports all errors at once,
/// each by field, so a POS team can fix a receipt in one round.
/// </summary>
public static partial class ReceiptValidator
{
    public const int MaxItems = 100;
    public const int MaxPayments = 10;
    public const int MaxNameLength = 128;

    public static IReadOnlyList<FieldError> Validate(ReceiptCreated receipt)
    {
        var errors = new ValidationErrors();
        if (receipt.ReceiptId == Guid.Empty) errors.Required("receiptId");
        if (receipt.OccurredAt == default) errors.Required("occurredAt");
        ValidateSource(receipt.Source, errors);
        errors.OneOf("operation", receipt.Operation, Operations.All);
        errors.OneOf("ffdVersion", receipt.FfdVersion, FfdVersions.All);
        ValidateCompany(receipt.Company, errors);
        ValidateContact(receipt.Customer?.Contact, errors);
        var itemsTotal = ValidateLines("items", receipt.Items, MaxItems, errors, ValidateItem, item => item.Sum);
        var paymentsTotal = ValidateLines("payments", receipt.Payments, MaxPayments, errors, ValidatePayment, payment => payment.Sum);
        ValidateTotal(receipt.Total, itemsTotal, paymentsTotal, errors);
        ValidateRefund(receipt, errors);
        return errors.ToList();
    }

    private static void ValidateSource(ReceiptSource? source, ValidationErrors errors)
    {
        if (source is null)
        {
            errors.Required("source");
            return;
        }

        errors.NotBlank("source.storeId", source.StoreId);
        errors.NotBlank("source.posId", source.PosId);
        if (source.Cashier is null)
        {
            errors.Required("source.cashier");
            return;
        }

        errors.NotBlank("source.cashier.name", source.Cashier.Name);
        if (source.Cashier.Inn is not null) ValidateInn("source.cashier.inn", source.Cashier.Inn, errors);
    }

    private static void ValidateCompany(Company? company, ValidationErrors errors)
    {
        if (company is null)
        {
            errors.Required("company");
            return;
        }

        ValidateInn("company.inn", company.Inn, errors);
        errors.OneOf("company.taxationSystem", company.TaxationSystem, TaxationSystems.All);
        errors.NotBlank("company.paymentPlace", company.PaymentPlace);
    }

    private static void ValidateInn(string field, string? inn, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(inn)) errors.Required(field);
        else if (!InnPattern().IsMatch(inn)) errors.Add(field, "format", $"INN must be 10 or 12 digits, got '{inn}'");
    }

    private static void ValidateContact(string? contact, ValidationErrors errors)
    {
        if (contact is null) return;
        if (!PhonePattern().IsMatch(contact) && !EmailPattern().IsMatch(contact))
            errors.Add("customer.contact", "format", $"contact must be a +digits phone number or an e-mail address, got '{contact}'");
    }

    /// <summary>Checks how many lines there are, validates each one, and returns the sum of their amounts.</summary>
    private static decimal ValidateLines<T>(
        string field, IReadOnlyList<T>? lines, int max, ValidationErrors errors, Action<string, T, ValidationErrors> validate, Func<T, decimal> amount)
        where T : class
    {
        var count = lines?.Count ?? 0;
        if (count == 0 || count > max) errors.Add(field, "count", $"a receipt has 1 to {max} {field}, got {count}");
        var total = 0m;
        for (var i = 0; i < count; i++)
        {
            var path = $"{field}[{i}]";
            if (lines![i] is not { } line)
            {
                errors.Required(path);
                continue;
            }

            validate(path, line, errors);
            total += amount(line);
        }

        return total;
    }

    private static void ValidateItem(string path, ReceiptItem item, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > MaxNameLength)
            errors.Add($"{path}.name", "length", $"name must be 1 to {MaxNameLength} characters, got {item.Name?.Length ?? 0}");
        errors.Money($"{path}.price", item.Price, allowZero: true);
        errors.Quantity($"{path}.quantity", item.Quantity);
        errors.Money($"{path}.sum", item.Sum, allowZero: true);
        var expectedSum = Math.Round(item.Price * item.Quantity, 2, MidpointRounding.AwayFromZero);
        if (item.Sum != expectedSum)
            errors.Add($"{path}.sum", "mismatch", $"sum must equal round(price * quantity, 2) = {expectedSum}, got {item.Sum}");
        errors.OneOf($"{path}.paymentMethod", item.PaymentMethod, PaymentMethods.All);
        errors.OneOf($"{path}.paymentObject", item.PaymentObject, PaymentObjects.All);
        if (item.Vat is null) errors.Required($"{path}.vat");
        else
        {
            errors.OneOf($"{path}.vat.rate", item.Vat.Rate, VatRates.All);
            if (item.Vat.Sum is { } vatSum) errors.Money($"{path}.vat.sum", vatSum, allowZero: true);
        }
    }

    private static void ValidatePayment(string path, Payment payment, ValidationErrors errors)
    {
        errors.OneOf($"{path}.type", payment.Type, PaymentTypes.All);
        errors.Money($"{path}.sum", payment.Sum, allowZero: false);
    }

    private static void ValidateTotal(decimal total, decimal itemsTotal, decimal paymentsTotal, ValidationErrors errors)
    {
        errors.Money("total", total, allowZero: false);
        if (total != itemsTotal)
            errors.Add("total", "mismatch", $"total must equal the sum of item sums {itemsTotal}, got {total}");
        if (total != paymentsTotal)
            errors.Add("total", "mismatch", $"total must equal the sum of payments {paymentsTotal}, got {total}");
    }

    private static void ValidateRefund(ReceiptCreated receipt, ValidationErrors errors)
    {
        if (!Operations.IsRefund(receipt.Operation ?? "")) return;
        if (receipt.RefundOf is null || receipt.RefundOf == Guid.Empty)
            errors.Add("refundOf", "required", $"a {receipt.Operation} receipt must name the receipt it refunds in refundOf");
        else if (receipt.RefundOf == receipt.ReceiptId)
            errors.Add("refundOf", "format", "a refund cannot refund itself");
    }

    [GeneratedRegex(@"^(\d{10}|\d{12})$")]
    private static partial Regex InnPattern();

    [GeneratedRegex(@"^\+\d{7,15}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
