namespace KktMessaging.Service.Buffer;

/// <summary>
/// One sync pass, written while it holds the buffer lock. The history shows when passes ran, on which
/// instance, and what they claimed; passes over one buffer must never overlap.
/// </summary>
public sealed class SyncPassRecord
{
    public long Id { get; set; }
    public string Instance { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int Reclaimed { get; set; }
    public int Claimed { get; set; }
}
