namespace KktMessaging.Service.Buffer;

/// <summary>
/// One sync pass request and what came of it. Passes that ran (Outcome Ran) hold the buffer lock from start to
/// finish, so their intervals never overlap; the others show skipped and superseded requests.
/// </summary>
public sealed class SyncPassRecord
{
    public long Id { get; set; }
    public string Instance { get; set; } = "";
    public string Reason { get; set; } = "";

    /// <summary>A <see cref="Sync.SyncPassOutcome"/> name, or Superseded for a link of a chain that is no longer live.</summary>
    public string Outcome { get; set; } = "";

    public Guid? ChainId { get; set; }
    public long? FenceToken { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int Reclaimed { get; set; }
    public int Claimed { get; set; }
}
