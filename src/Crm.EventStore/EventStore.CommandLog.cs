using Npgsql;

namespace Crm.EventStore;

/// <summary>What an earlier command with an idempotency key did.</summary>
public sealed record CommandRecord(string IdempotencyKey, string? RequestHash, IReadOnlyList<Guid> StreamIds, IReadOnlyList<long> Versions, string? Result);

public sealed partial class EventStore
{
    /// <summary>
    /// The command stored under an idempotency key, if any. Handlers look it up before deciding: a
    /// retried create whose stream now exists would otherwise be refused by the decider ("already
    /// exists") before the append could answer with the first result.
    /// </summary>
    public async Task<CommandRecord?> FindCommandAsync(string idempotencyKey, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select request_hash, stream_ids, versions, result::text from es.command_log where idempotency_key = @k", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("k", idempotencyKey));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new CommandRecord(idempotencyKey, reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.GetFieldValue<Guid[]>(1), reader.GetFieldValue<long[]>(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
