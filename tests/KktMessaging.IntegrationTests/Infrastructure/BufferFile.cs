using Microsoft.Data.Sqlite;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>Reads a service's SQLite buffer directly, to check what the API does not show.</summary>
public sealed class BufferFile(string path)
{
    public string Path { get; } = path;

    public async Task<IReadOnlyList<SyncPassRow>> SyncPassesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Instance, StartedAt, FinishedAt, Claimed, Outcome, Reason, ChainId FROM sync_passes ORDER BY StartedAt";
        var passes = new List<SyncPassRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            passes.Add(new SyncPassRow(
                reader.GetString(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2), reader.GetInt32(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetGuid(6)));
        return passes;
    }

    public async Task<(string Status, string Payload, int Attempts)> ReceiptAsync(Guid receiptId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status, Payload, Attempts FROM receipts WHERE ReceiptId = $id";
        command.Parameters.AddWithValue("$id", receiptId.ToString().ToUpperInvariant());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"receipt {receiptId} is not in the buffer");
        return (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
    }

    public async Task<long> CountAsync(Guid receiptId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM receipts WHERE ReceiptId = $id";
        command.Parameters.AddWithValue("$id", receiptId.ToString().ToUpperInvariant());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<(long FenceToken, long FencingRefusals, Guid ChainId)> SyncStateAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FenceToken, FencingRefusals, ChainId FROM sync_state";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path};Mode=ReadOnly");
        await connection.OpenAsync();
        return connection;
    }
}

/// <param name="Outcome">Ran for a pass that held the lock; otherwise why it did not run.</param>
public sealed record SyncPassRow(string Instance, DateTime StartedAt, DateTime? FinishedAt, int Claimed, string Outcome, string Reason, Guid? ChainId)
{
    public bool Ran => Outcome == "Ran";
}
