using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Buffer;

/// <summary>
/// Brings the buffer schema up to date before anything consumes messages (it is registered before the bus).
/// EF Core's migration lock makes concurrent starts of several processes safe.
/// </summary>
internal sealed class BufferMigrator(IServiceScopeFactory scopes, ILogger<BufferMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BufferDbContext>();
        if (db.Database.IsSqlite()) EnsureDirectoryExists(db.Database.GetConnectionString());
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (status API, delivery lookups) run beside the writer; the mode persists in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        logger.LogInformation("Buffer schema is up to date ({Provider}, {DataSource})", db.Database.ProviderName, db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void EnsureDirectoryExists(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}
