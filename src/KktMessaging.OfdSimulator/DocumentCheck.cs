using System.Text.Json;

namespace KktMessaging.OfdSimulator;

/// <summary>The checks a real OFD makes on a receipt document, reduced to what the simulator needs.</summary>
public static class DocumentCheck
{
    public static IReadOnlyList<string> Validate(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object) return ["the document must be a JSON object"];
        var errors = new List<string>();
        if (!document.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
            errors.Add("items: at least one item is required");
        if (!document.TryGetProperty("total", out var total) || !total.TryGetDecimal(out var totalValue))
            errors.Add("total: a number is required");
        else if (errors.Count == 0)
        {
            var sum = items.EnumerateArray().Sum(item => item.TryGetProperty("sum", out var s) && s.TryGetDecimal(out var v) ? v : 0m);
            if (sum != totalValue) errors.Add($"total: {totalValue} differs from the sum of items {sum}");
        }

        return errors;
    }

    public static Guid? ReceiptId(HttpRequest request, JsonElement document)
    {
        if (Guid.TryParse(request.Headers["Idempotency-Key"].ToString(), out var fromHeader)) return fromHeader;
        return document.ValueKind == JsonValueKind.Object
            && document.TryGetProperty("receiptId", out var id)
            && id.ValueKind == JsonValueKind.String
            && Guid.TryParse(id.GetString(), out var fromBody) ? fromBody : null;
    }
}
