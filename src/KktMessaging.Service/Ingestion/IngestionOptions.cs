using System.ComponentModel.DataAnnotations;

namespace KktMessaging.Service.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Receipts stored per database transaction; the consumer waits at most <see cref="BatchTimeLimit"/> to fill it.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches stored at once by one process.</summary>
    [Range(1, 16)]
    public int ConcurrencyLimit { get; set; } = 2;

    /// <summary>Waits before retrying a batch the buffer could not store (a locked or unreachable database).</summary>
    public TimeSpan[] RetryIntervals { get; set; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];
}
