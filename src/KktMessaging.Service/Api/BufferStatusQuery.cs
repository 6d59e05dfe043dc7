using KktMessaging.Service.Buffer;
using KktMessaging.Service.Delivery;
using KktMessaging.Service.Ofd;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Api;

internal sealed class BufferStatusQuery(BufferDbContext db, BufferIdentity buffer, OfdCircuit circuit, DeliveryGate gate, TimeProvider clock)
{
    private static readonly ReceiptStatus[] Undelivered = [ReceiptStatus.Pending, ReceiptStatus.Dispatched, ReceiptStatus.DeadLettered];

    public async Task<BufferStatusView> GetAsync(CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<ReceiptStatus>().ToDictionary(status => status, _ => 0);
        var stored = await db.Receipts.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var group in stored) counts[group.Key] = group.Count;

        var oldest = await db.Receipts
            .Where(r => Undelivered.Contains(r.Status))
            .OrderBy(r => r.OccurredAt)
            .Select(r => (DateTime?)r.OccurredAt)
            .FirstOrDefaultAsync(cancellationToken);
        var lastPass = await db.SyncPasses
            .OrderByDescending(p => p.Id)
            .Select(p => new SyncPassView(p.Instance, p.Reason, p.StartedAt, p.FinishedAt, p.Claimed, p.Reclaimed))
            .FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } occurredAt ? (clock.GetUtcNow().UtcDateTime - occurredAt).TotalSeconds : (double?)null;
        return new BufferStatusView(buffer.Name, counts, age, circuit.State.ToString(), circuit.OpenedAt, gate.PauseReason, lastPass);
    }
}
