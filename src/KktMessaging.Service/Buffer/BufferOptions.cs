namespace KktMessaging.Service.Buffer;

public sealed class BufferOptions
{
    public const string SectionName = "Buffer";
    public const string DefaultConnectionString = "Data Source=data/kkt-buffer.db";

    /// <summary>The database behind the buffer.</summary>
    public BufferProvider Provider { get; set; } = BufferProvider.Sqlite;

    /// <summary>
    /// Names the buffer for the sync lock. Processes sharing one buffer must share the name; by default it is
    /// derived from the database location, which is what they share.
    /// </summary>
    public string? Name { get; set; }
}
