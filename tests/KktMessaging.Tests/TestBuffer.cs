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

    public DbContextOptions<BufferDbContext> Options => new DbContextOptionsBuilder<BufferDbContext>().UseSqlite(Connection).Options;

    public BufferDbContext NewContext() => new(Options);

    public void Dispose() => Connection.Dispose();
}
