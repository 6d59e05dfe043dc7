using KktMessaging.Contracts;

namespace KktMessaging.Load;

/// <summary>One way to break a valid receipt, and the field error the service must answer with.</summary>
public sealed record InvalidReceiptRule(string Name, string Field, string Code, Func<ReceiptCreated, ReceiptCreated> Break)
{
    public static readonly IReadOnlyList<InvalidReceiptRule> All =
    [
        new("no items", "items", "count", r => r with { Items = [], Total = 0, Payments = [] }),
        new("101 items", "items", "count", r => Balanced(r, Enumerable.Repeat(Line(1m), 101).ToList())),
        new("no payments", "payments", "count", r => r with { Payments = [] }),
        new("11 payments", "payments", "count", r => r with { Payments = SplitPayments(r.Total, 11) }),
        new("line sum is not price * quantity", "items[0].sum", "mismatch", r => Balanced(r, [Line(10m) with { Quantity = 2, Sum = 25m }])),
        new("total differs from the items", "total", "mismatch", r => r with { Total = r.Total + 1, Payments = [new Payment { Type = PaymentTypes.Cash, Sum = r.Total + 1 }] }),
        new("total differs from the payments", "total", "mismatch", r => r with { Payments = [new Payment { Type = PaymentTypes.Cash, Sum = r.Total + 5 }] }),
        new("empty item name", "items[0].name", "length", r => Balanced(r, [Line(10m) with { Name = "" }])),
        new("item name of 129 characters", "items[0].name", "length", r => Balanced(r, [Line(10m) with { Name = new string('x', 129) }])),
        new("unknown operation", "operation", "unknown_value", r => r with { Operation = "sale" }),
        new("unknown FFD version", "ffdVersion", "unknown_value", r => r with { FfdVersion = "1.1" }),
        new("unknown taxation system", "company.taxationSystem", "unknown_value", r => r with { Company = r.Company with { TaxationSystem = "usn" } }),
        new("unknown payment method", "items[0].paymentMethod", "unknown_value", r => Balanced(r, [Line(10m) with { PaymentMethod = "cash" }])),
        new("unknown payment object", "items[0].paymentObject", "unknown_value", r => Balanced(r, [Line(10m) with { PaymentObject = "goods" }])),
        new("unknown VAT rate", "items[0].vat.rate", "unknown_value", r => Balanced(r, [Line(10m) with { Vat = new Vat { Rate = "vat18" } }])),
        new("unknown payment type", "payments[0].type", "unknown_value", r => r with { Payments = [new Payment { Type = "card", Sum = r.Total }] }),
        new("company INN of 9 digits", "company.inn", "format", r => r with { Company = r.Company with { Inn = "770708389" } }),
        new("cashier INN with letters", "source.cashier.inn", "format", r => r with { Source = r.Source with { Cashier = r.Source.Cashier with { Inn = "50010073225X" } } }),
        new("contact neither phone nor e-mail", "customer.contact", "format", r => r with { Customer = new Customer { Contact = "call me" } }),
        new("refund without refundOf", "refundOf", "required", r => r with { Operation = Operations.SellRefund, RefundOf = null }),
        new("price with 3 decimals", "items[0].price", "precision", r => Balanced(r, [Line(10.005m) with { Quantity = 2, Sum = 20.01m }])),
        new("quantity with 4 decimals", "items[0].quantity", "precision", r => Balanced(r, [Line(10m) with { Quantity = 1.0001m, Sum = 10m }])),
        new("missing store id", "source.storeId", "required", r => r with { Source = r.Source with { StoreId = "" } }),
        new("zero payment", "payments[1].sum", "range", r => r with { Payments = [new Payment { Type = PaymentTypes.Cash, Sum = r.Total }, new Payment { Type = PaymentTypes.Electronic, Sum = 0 }] }),
    ];

    private static ReceiptItem Line(decimal price) => new()
    {
        Name = "Товар",
        Price = price,
        Quantity = 1,
        Sum = price,
        PaymentMethod = PaymentMethods.FullPayment,
        PaymentObject = PaymentObjects.Commodity,
        Vat = new Vat { Rate = VatRates.Vat20 },
    };

    /// <summary>Replaces the items and keeps total and payments consistent with them, so only the item rule breaks.</summary>
    private static ReceiptCreated Balanced(ReceiptCreated receipt, List<ReceiptItem> items)
    {
        var total = items.Sum(item => item.Sum);
        return receipt with { Items = items, Total = total, Payments = [new Payment { Type = PaymentTypes.Cash, Sum = total }] };
    }

    private static List<Payment> SplitPayments(decimal total, int count)
    {
        var part = Math.Round(total / count, 2);
        return Enumerable.Range(0, count)
            .Select(i => new Payment { Type = PaymentTypes.Electronic, Sum = i < count - 1 ? part : total - part * (count - 1) })
            .ToList();
    }
}
