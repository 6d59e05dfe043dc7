using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Sync;

public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Receipts claimed per pass.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Time between passes of an idle buffer.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait after a pass that could not dispatch (Redis down, delivery paused); it doubles each time.</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Receipts Dispatched at once, at most. A backlog is claimed as fast as delivery takes it, not faster, so no
    /// claim waits in the queue long enough for its lease to run out.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxDispatched { get; set; } = 2000;

    /// <summary>New receipts ask for a pass at most this often per process.</summary>
    public TimeSpan NudgeDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A receipt claimed this long ago with no delivery attempt since goes back to Pending: its SendToOfd never
    /// reached the broker (a crash between claim and publish). Keep it well above the longest redelivery gap.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long pass records are kept.</summary>
    public TimeSpan PassHistoryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The waits after 1, 2, 3 ... passes in a row that could not dispatch: 1, 2, 4 ... 60 s by default.</summary>
    public IReadOnlyList<TimeSpan> BackoffLadder
    {
        get
        {
            var ladder = new List<TimeSpan>();
            for (var step = BackoffInitial; ladder.Count == 0 || ladder[^1] < BackoffMax; step *= 2)
                ladder.Add(step < BackoffMax ? step : BackoffMax);
            return ladder;
        }
    }

    public TimeSpan Backoff(int step) => BackoffLadder[Math.Min(step, BackoffLadder.Count - 1)];
}
