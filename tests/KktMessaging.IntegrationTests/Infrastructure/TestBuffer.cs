using KktMessaging.Service.Buffer;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>An empty buffer on the provider a test asks for: a SQLite file of its own, or a PostgreSQL database of its own.</summary>
public sealed class TestBuffer : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;

    private TestBuffer(BufferReader reader, PostgresDatabase? postgres)
    {
        Reader = reader;
        _postgres = postgres;
    }

    public BufferReader Reader { get; }

    public static async Task<TestBuffer> CreateAsync(BufferProvider provider, string directory)
    {
        if (provider == BufferProvider.Sqlite)
            return new TestBuffer(new BufferReader(provider, $"Data Source={Path.Combine(directory, $"buffer-{Guid.NewGuid():N}.db")}"), null);
        var postgres = await PostgresDatabase.CreateAsync();
        return new TestBuffer(new BufferReader(provider, postgres.ConnectionString), postgres);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
