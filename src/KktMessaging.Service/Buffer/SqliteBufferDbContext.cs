using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KktMessaging.Service.Buffer;

public sealed class SqliteBufferDbContext(DbContextOptions<SqliteBufferDbContext> options) : BufferDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite migrations without starting the service.</summary>
internal sealed class SqliteBufferDbContextFactory : IDesignTimeDbContextFactory<SqliteBufferDbContext>
{
    public SqliteBufferDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBufferDbContext>().UseSqlite(BufferOptions.DefaultConnectionString).Options);
}
