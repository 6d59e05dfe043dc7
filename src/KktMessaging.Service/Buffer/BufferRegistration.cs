using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Buffer;

public static class BufferRegistration
{
    /// <summary>The durable receipt buffer: EF Core on SQLite, migrated at startup.</summary>
    public static IHostApplicationBuilder AddBuffer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BufferOptions>(BufferOptions.SectionName);

        var connectionString = builder.Configuration.GetConnectionString("Buffer") ?? BufferOptions.DefaultConnectionString;
        builder.Services.AddDbContext<BufferDbContext>(options => options.UseSqlite(connectionString));
        builder.Services.AddSingleton(services =>
            BufferIdentity.From(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BufferOptions>>().Value, connectionString));
        builder.Services.AddHostedService<BufferMigrator>();
        builder.Services.AddHealthChecks().AddDbContextCheck<BufferDbContext>("buffer", tags: ["ready"]);
        return builder;
    }
}
