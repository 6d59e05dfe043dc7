using KktMessaging.OfdSimulator;
using Microsoft.Extensions.Options;

namespace KktMessaging.Tests.Simulator;

public class LedgerTests
{
    private readonly Ledger _ledger = new(Options.Create(new SimulatorOptions()), TimeProvider.System);

    [Fact]
    public void When_a_receipt_is_posted_again_after_registration_Should_count_a_duplicate_and_keep_one_document()
    {
        var id = Guid.NewGuid();

        Assert.False(_ledger.CountSubmission(id));
        var (first, created) = _ledger.Register(id);
        Assert.True(_ledger.CountSubmission(id));
        var (second, createdAgain) = _ledger.Register(id);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        Assert.Equal(new LedgerSummary(1, 2, 1), _ledger.Summary());
        Assert.Equal(2, _ledger.Entry(id).Submissions);
    }

    [Fact]
    public void When_receipts_are_registered_Should_number_documents_in_order()
    {
        var numbers = Enumerable.Range(0, 5).Select(_ => _ledger.Register(Guid.NewGuid()).Document.FdNumber);

        Assert.Equal([1L, 2, 3, 4, 5], numbers);
    }

    [Fact]
    public void When_fail_next_is_set_Should_fail_exactly_that_many_calls()
    {
        var faults = new Faults();
        faults.Set(new FaultSettings { FailNext = 2, FailNextStatus = 502 });

        var statuses = Enumerable.Range(0, 4).Select(_ => faults.TakeFailure()).ToList();

        Assert.Equal([502, 502, null, null], statuses);
    }
}
