using KktMessaging.Contracts;
using KktMessaging.Load;
using KktMessaging.Service.Ingestion;

namespace KktMessaging.Tests.Ingestion;

public class ReceiptValidatorTests
{
    private readonly ReceiptFactory _factory = new(seed: 7);

    [Fact]
    public void When_receipts_are_generated_valid_Should_report_no_errors()
    {
        for (var i = 0; i < 500; i++)
        {
            var receipt = _factory.Valid();
            Assert.Empty(ReceiptValidator.Validate(receipt));
        }
    }

    public static TheoryData<string> Rules() => new(InvalidReceiptRule.All.Select(rule => rule.Name));

    [Theory]
    [MemberData(nameof(Rules))]
    public void When_a_rule_is_broken_Should_name_the_field_and_the_rule(string ruleName)
    {
        var rule = InvalidReceiptRule.All.Single(r => r.Name == ruleName);

        var errors = ReceiptValidator.Validate(rule.Break(_factory.Valid()));

        Assert.Contains(errors, error => error.Field == rule.Field && error.Code == rule.Code);
    }

    [Fact]
    public void When_several_rules_are_broken_Should_report_every_one()
    {
        var receipt = _factory.Valid() with
        {
            Operation = "sale",
            Company = new Company { Inn = "12", TaxationSystem = "osn", PaymentPlace = "Moscow" },
            Customer = new Customer { Contact = "nobody" },
        };

        var errors = ReceiptValidator.Validate(receipt);

        Assert.Equal(
            ["company.inn:format", "customer.contact:format", "operation:unknown_value"],
            errors.Select(e => $"{e.Field}:{e.Code}").Order());
    }

    [Fact]
    public void When_parts_are_missing_Should_report_them_as_required_instead_of_failing()
    {
        var receipt = new ReceiptCreated { Source = null!, Company = null!, Items = null!, Payments = null! };

        var errors = ReceiptValidator.Validate(receipt);

        var fields = errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "receiptId", "occurredAt", "source", "operation", "ffdVersion", "company", "items", "payments" }, fields);
    }

    [Fact]
    public void When_a_line_sum_rounds_half_away_from_zero_Should_accept_it()
    {
        var item = _factory.Valid().Items[0] with { Price = 0.25m, Quantity = 0.5m, Sum = 0.13m };
        var receipt = _factory.Valid() with { Items = [item], Total = 0.13m, Payments = [new Payment { Type = PaymentTypes.Cash, Sum = 0.13m }] };

        Assert.Empty(ReceiptValidator.Validate(receipt));
    }

    [Fact]
    public void When_an_e_mail_or_phone_contact_is_given_Should_accept_both()
    {
        var phone = _factory.Valid() with { Customer = new Customer { Contact = "+79161234567" } };
        var mail = _factory.Valid() with { Customer = new Customer { Contact = "buyer@example.ru" } };

        Assert.Empty(ReceiptValidator.Validate(phone));
        Assert.Empty(ReceiptValidator.Validate(mail));
    }
}
