namespace KktMessaging.Service.Messaging;

/// <summary>
/// The fixed delays the broker can wait for: one TTL queue per level. A requested delay is rounded up to the
/// next level (or down to the longest one), so nothing ever waits behind a longer delay in the same queue.
/// </summary>
public sealed class DelayLevels
{
    public DelayLevels(IEnumerable<TimeSpan> delays, QueueType queueType)
    {
        Levels = delays.Where(delay => delay > TimeSpan.Zero).Select(Whole).Distinct().Order().ToArray();
        if (Levels.Count == 0) throw new ArgumentException("At least one positive delay level is needed", nameof(delays));
        QueueType = queueType;
    }

    public IReadOnlyList<TimeSpan> Levels { get; }
    public QueueType QueueType { get; }

    public TimeSpan RoundUp(TimeSpan delay) => Levels.FirstOrDefault(level => level >= delay, Levels[^1]);

    /// <summary>The exchange and queue of a level. The name carries the TTL and type, so a queue's arguments never change.</summary>
    public string NameOf(TimeSpan level) =>
        $"kkt-delay-{(long)level.TotalMilliseconds}ms" + (QueueType == QueueType.Quorum ? "-quorum" : "");

    private static TimeSpan Whole(TimeSpan delay) => TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds));
}
