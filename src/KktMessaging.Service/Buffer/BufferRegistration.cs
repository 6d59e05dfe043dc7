using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KktMessaging.Service.Buffer;

public static class BufferRegistration
{
    /// <summary>The durable receipt buffer: EF Core on SQLite or PostgreSQL (<c>Buffer:Provider</c>), migrated at startup.</summary>
    public static IHostApplicationBuilder AddBuffer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BufferOptions>(BufferOptions.SectionName);
        var provider = builder.Configuration.GetSection(BufferOptions.SectionName).Get<BufferOptions>()?.Provider ?? BufferProvider.Sqlite;
        var connectionString = builder.Configuration.GetConnectionString("Buffer");
        switch (provider)
        {
            case BufferProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Buffer:Provider is Postgres: set ConnectionStrings:Buffer (ConnectionStrings__Buffer) to the PostgreSQL connection string");
                builder.Services.AddDbContext<BufferDbContext, PostgresBufferDbContext>(options => options.UseNpgsql(connectionString));
                break;
            default:
                connectionString ??= BufferOptions.DefaultConnectionString;
                builder.Services.AddDbContext<BufferDbContext, SqliteBufferDbContext>(options => options.UseSqlite(connectionString));
                break;
        }

        builder.Services.AddSingleton(services => BufferIdentity.From(services.GetRequiredService<IOptions<BufferOptions>>().Value, connectionString));
        builder.Services.AddHostedService<BufferMigrator>();
        builder.Services.AddHealthChecks().AddDbContextCheck<BufferDbContext>("buffer", tags: ["ready"]);
        return builder;
    }
}
