using Npgsql;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database on the local PostgreSQL (127.0.0.1:5432, user kkt, started by scripts/test.sh) for one test,
/// dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private static readonly string Server = Environment.GetEnvironmentVariable("KKT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=kkt";

    private PostgresDatabase(string name) => ConnectionString = $"{Server};Database={name}";

    public string ConnectionString { get; }
    private string Name => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase($"kkt_test_{Guid.NewGuid():N}");
        await ExecuteAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException("PostgreSQL does not answer on 127.0.0.1:5432. Run the tests with 'bash scripts/test.sh', which starts it.", exception);
        }
    }
}
