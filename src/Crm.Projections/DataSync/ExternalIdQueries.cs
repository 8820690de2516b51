using Npgsql;

namespace Crm.Projections.DataSync;

/// <summary>The record an external id is linked to, and the version of its stream at the link.</summary>
public sealed record ExternalIdHolder(Guid RecordId, long LinkedVersion);

/// <summary>Looks an external id up in crm.external_ids (inline, so current): outside a command, or inside an append under its lock.</summary>
public sealed class ExternalIdQueries(NpgsqlDataSource dataSource)
{
    public Task<ExternalIdHolder?> HolderAsync(string kind, string system, string externalId, CancellationToken ct = default) =>
        HolderAsync(kind, system, externalId, null, null, ct);

    public async Task<ExternalIdHolder?> HolderAsync(string kind, string system, string externalId, NpgsqlConnection? connection,
        NpgsqlTransaction? tx, CancellationToken ct = default)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select record_id, linked_version from crm.external_ids where kind = @kind and system = @system and external_id = @external";
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        cmd.Parameters.Add(new NpgsqlParameter<string>("system", system));
        cmd.Parameters.Add(new NpgsqlParameter<string>("external", externalId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ExternalIdHolder(reader.GetGuid(0), reader.GetInt64(1)) : null;
    }
}
