using Microsoft.Data.Sqlite;

namespace KktMessaging.Service.Buffer;

/// <summary>What makes two processes "on the same buffer": the sync lock is taken per identity.</summary>
public sealed record BufferIdentity(string Name)
{
    public static BufferIdentity From(BufferOptions options, string connectionString)
    {
        if (!string.IsNullOrWhiteSpace(options.Name)) return new BufferIdentity(options.Name);
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return new BufferIdentity("sqlite:" + Path.GetFullPath(dataSource));
    }
}
