using KktMessaging.Contracts;

namespace KktMessaging.Load;

/// <summary>Realistic receipts from a small shop: a few lines each, VAT, cash and card payments, some refunds.</summary>
public sealed class ReceiptFactory(int seed = 54)
{
    private static readonly (string Name, decimal Price, string Measure, bool ByWeight, string Vat)[] Catalog =
    [
        ("Молоко 3,2% 1 л", 89.90m, "piece", false, VatRates.Vat10),
        ("Хлеб бородинский", 54.50m, "piece", false, VatRates.Vat10),
        ("Сыр российский", 749.00m, "kg", true, VatRates.Vat10),
        ("Яблоки голден", 139.99m, "kg", true, VatRates.Vat10),
        ("Кофе молотый 250 г", 429.00m, "piece", false, VatRates.Vat20),
        ("Шоколад горький", 119.90m, "piece", false, VatRates.Vat20),
        ("Вода минеральная 0,5 л", 45.00m, "piece", false, VatRates.Vat20),
        ("Пакет-майка", 7.00m, "piece", false, VatRates.Vat20),
        ("Доставка", 199.00m, "piece", false, VatRates.Vat20),
    ];

    private readonly Random _random = new(seed);
    private readonly List<Guid> _sold = [];

    public ReceiptCreated Valid()
    {
        var items = Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Item()).ToList();
        var total = items.Sum(item => item.Sum);
        var refundOf = _sold.Count > 10 && _random.Next(20) == 0 ? _sold[_random.Next(_sold.Count)] : (Guid?)null;
        var receipt = new ReceiptCreated
        {
            ReceiptId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
            Source = new ReceiptSource
            {
                StoreId = $"store-{_random.Next(1, 6):D2}",
                PosId = $"pos-{_random.Next(1, 4)}",
                Cashier = new Cashier { Name = "Иванова А. П.", Inn = "500100732259" },
            },
            Operation = refundOf is null ? Operations.Sell : Operations.SellRefund,
            FfdVersion = FfdVersions.V12,
            Company = new Company { Inn = "7707083893", TaxationSystem = TaxationSystems.Osn, PaymentPlace = "г. Москва, ул. Тверская, 1" },
            Customer = _random.Next(3) == 0 ? new Customer { Contact = "+79161234567" } : null,
            Items = items,
            Payments = Payments(total),
            Total = total,
            RefundOf = refundOf,
            ErpRef = $"ERP-{_random.Next(100_000, 999_999)}",
        };
        if (refundOf is null) _sold.Add(receipt.ReceiptId);
        return receipt;
    }

    private ReceiptItem Item()
    {
        var (name, price, measure, byWeight, vat) = Catalog[_random.Next(Catalog.Length)];
        var quantity = byWeight ? Math.Round(0.2m + (decimal)_random.NextDouble() * 1.5m, 3) : _random.Next(1, 4);
        var sum = Math.Round(price * quantity, 2, MidpointRounding.AwayFromZero);
        return new ReceiptItem
        {
            Name = name,
            Price = price,
            Quantity = quantity,
            Sum = sum,
            Measure = measure,
            PaymentMethod = PaymentMethods.FullPayment,
            PaymentObject = name == "Доставка" ? PaymentObjects.Service : PaymentObjects.Commodity,
            Vat = new Vat { Rate = vat },
        };
    }

    private List<Payment> Payments(decimal total)
    {
        if (total < 100 || _random.Next(4) != 0)
            return [new Payment { Type = _random.Next(2) == 0 ? PaymentTypes.Cash : PaymentTypes.Electronic, Sum = total }];
        var cash = Math.Round(total / 3, 2);
        return [new Payment { Type = PaymentTypes.Cash, Sum = cash }, new Payment { Type = PaymentTypes.Electronic, Sum = total - cash }];
    }

    /// <summary>An invalid receipt breaking the rule at <paramref name="index"/> (cycling through all of them).</summary>
    public (ReceiptCreated Receipt, InvalidReceiptRule Rule) Invalid(int index)
    {
        var rule = InvalidReceiptRule.All[index % InvalidReceiptRule.All.Count];
        return (rule.Break(Valid()), rule);
    }
}
