namespace KktMessaging.Service.Buffer;

public enum BufferProvider
{
    /// <summary>An embedded file: one process, or several on one machine.</summary>
    Sqlite,

    /// <summary>A shared server: replicas on many machines share one buffer.</summary>
    Postgres,
}
