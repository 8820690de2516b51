using System.Text.Json;
using Crm.Events;
using Npgsql;

namespace Crm.Projections.Sales;

/// <summary>A pipeline as opportunities' commands need it: its stages in order, as configured now.</summary>
public sealed record PipelineForOpportunity(Guid Id, string Name, bool IsDefault, IReadOnlyList<PipelineStage> Stages);

/// <summary>
/// Pipelines read from crm.pipelines for opportunity commands: the default one for a new opportunity,
/// or a named one. The stage chosen is copied into the event (StageSnapshot), so a later change of the
/// pipeline never rewrites an opportunity's history.
/// </summary>
public sealed class PipelineFacts(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<PipelineForOpportunity?> DefaultAsync(CancellationToken ct = default) =>
        ReadOneAsync("select id, name, is_default, stages::text as stages from crm.pipelines where is_default", null, null, ct);

    public Task<PipelineForOpportunity?> ReadAsync(Guid id, CancellationToken ct = default) =>
        ReadOneAsync("select id, name, is_default, stages::text as stages from crm.pipelines where id = @id", id, null, ct);

    /// <summary>
    /// The pipeline read again inside an opportunity append's transaction, its row locked FOR SHARE until the commit: a delete
    /// (which locks the row FOR UPDATE before counting open opportunities) waits for the append, or has committed already and
    /// the row is gone. See <see cref="Pipelines.PipelineQueries.OpenOpportunitiesAsync(Guid, NpgsqlConnection, NpgsqlTransaction, CancellationToken)"/>.
    /// </summary>
    public Task<PipelineForOpportunity?> ReadAsync(Guid id, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct = default) =>
        ReadOneAsync("select id, name, is_default, stages::text as stages from crm.pipelines where id = @id for share", id, (connection, tx), ct);

    private async Task<PipelineForOpportunity?> ReadOneAsync(string sql, Guid? id, (NpgsqlConnection, NpgsqlTransaction)? within, CancellationToken ct)
    {
        await using var cmd = within is var (connection, tx) ? new NpgsqlCommand(sql, connection, tx) : dataSource.CreateCommand(sql);
        if (id is { } value) cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", value));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var stages = JsonSerializer.Deserialize<List<PipelineStage>>(reader.GetString(reader.GetOrdinal("stages")), Json) ?? [];
        return new PipelineForOpportunity(
            reader.GetGuid(reader.GetOrdinal("id")),
            reader.GetString(reader.GetOrdinal("name")),
            reader.GetBoolean(reader.GetOrdinal("is_default")),
            stages);
    }
}
