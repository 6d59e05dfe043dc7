using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KktMessaging.OfdSimulator;

/// <summary>
/// Every submission the simulator saw. <c>duplicates</c> counts POSTs of a receiptId that was already
/// registered: harmless here, a second fiscal document at an OFD that is not idempotent.
/// </summary>
public sealed class Ledger(IOptions<SimulatorOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, RegisteredDocument> _documents = new();
    private readonly ConcurrentDictionary<Guid, int> _submissionsById = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<LedgerCall>> _callsById = new();
    private readonly Lock _registration = new();
    private long _submissions;
    private long _duplicates;
    private long _lastFdNumber;

    /// <summary>Counts a POST; true when its receiptId was already registered.</summary>
    public bool CountSubmission(Guid? receiptId)
    {
        Interlocked.Increment(ref _submissions);
        if (receiptId is not { } id) return false;
        _submissionsById.AddOrUpdate(id, 1, (_, count) => count + 1);
        if (!_documents.ContainsKey(id)) return false;
        Interlocked.Increment(ref _duplicates);
        return true;
    }

    /// <returns>The document and whether this call registered it (false: it was registered before).</returns>
    public (RegisteredDocument Document, bool Created) Register(Guid receiptId)
    {
        lock (_registration)
        {
            if (_documents.TryGetValue(receiptId, out var existing)) return (existing, false);
            var fdNumber = ++_lastFdNumber;
            var document = new RegisteredDocument(receiptId, FiscalSign(receiptId, fdNumber), fdNumber, options.Value.FnNumber, clock.GetUtcNow());
            _documents[receiptId] = document;
            return (document, true);
        }
    }

    /// <summary>Keeps every API call about a receipt with its time and answer, to measure retry gaps.</summary>
    public void RecordCall(Guid receiptId, string method, int status) =>
        _callsById.GetOrAdd(receiptId, _ => new ConcurrentQueue<LedgerCall>()).Enqueue(new LedgerCall(clock.GetUtcNow(), method, status));

    public RegisteredDocument? Find(Guid receiptId) => _documents.GetValueOrDefault(receiptId);

    public LedgerSummary Summary() => new(_documents.Count, Interlocked.Read(ref _submissions), Interlocked.Read(ref _duplicates));

    public LedgerEntry Entry(Guid receiptId) => new(
        receiptId, _submissionsById.GetValueOrDefault(receiptId), Find(receiptId), _callsById.TryGetValue(receiptId, out var calls) ? calls.ToList() : []);

    /// <summary>Every API call since the reset, oldest first, to count what the OFD saw during an outage.</summary>
    public IReadOnlyList<LedgerCall> Calls() => _callsById.Values.SelectMany(calls => calls).OrderBy(call => call.At).ToList();

    public void Reset()
    {
        lock (_registration)
        {
            _documents.Clear();
            _submissionsById.Clear();
            _callsById.Clear();
            Interlocked.Exchange(ref _submissions, 0);
            Interlocked.Exchange(ref _duplicates, 0);
        }
    }

    private static string FiscalSign(Guid receiptId, long fdNumber) =>
        ((uint)HashCode.Combine(receiptId, fdNumber) % 4_000_000_000u).ToString("D10");
}

public sealed record LedgerSummary(int Documents, long Submissions, long Duplicates);

public sealed record LedgerEntry(Guid ReceiptId, int Submissions, RegisteredDocument? Document, IReadOnlyList<LedgerCall> Calls);

public sealed record LedgerCall(DateTimeOffset At, string Method, int Status);
