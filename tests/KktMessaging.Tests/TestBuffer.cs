using KktMessaging.Service.Buffer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Tests;

/// <summary>A real SQLite buffer in memory, migrated like the service's, alive as long as this object.</summary>
public sealed class TestBuffer : IDisposable
{
    public TestBuffer()
    {
        Connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    public SqliteConnection Connection { get; } = new("Data Source=:memory:");

    public DbContextOptions<SqliteBufferDbContext> Options => new DbContextOptionsBuilder<SqliteBufferDbContext>().UseSqlite(Connection).Options;

    public BufferDbContext NewContext() => new SqliteBufferDbContext(Options);

    public void Dispose() => Connection.Dispose();
}
