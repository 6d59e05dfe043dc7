using Microsoft.Data.Sqlite;
using Npgsql;

namespace KktMessaging.Service.Buffer;

/// <summary>What makes two processes "on the same buffer": the sync lock and the fencing counter are per identity.</summary>
public sealed record BufferIdentity(string Name)
{
    public static BufferIdentity From(BufferOptions options, string connectionString)
    {
        if (!string.IsNullOrWhiteSpace(options.Name)) return new BufferIdentity(options.Name);
        if (options.Provider == BufferProvider.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            return new BufferIdentity($"postgres:{postgres.Host}:{postgres.Port}/{postgres.Database}");
        }

        return new BufferIdentity("sqlite:" + Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
    }
}
