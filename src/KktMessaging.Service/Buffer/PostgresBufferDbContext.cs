using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KktMessaging.Service.Buffer;

public sealed class PostgresBufferDbContext(DbContextOptions<PostgresBufferDbContext> options) : BufferDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL migrations without a server (migrations need no connection).</summary>
internal sealed class PostgresBufferDbContextFactory : IDesignTimeDbContextFactory<PostgresBufferDbContext>
{
    public PostgresBufferDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBufferDbContext>().UseNpgsql("Host=127.0.0.1;Database=kkt_buffer").Options);
}
