using Npgsql;

namespace Crm.Projections.Pipelines;

/// <summary>Reads of pipelines: one, or all (the default first, then by name).</summary>
public sealed class PipelineQueries(NpgsqlDataSource dataSource)
{
    /// <summary>How many open opportunities follow the pipeline (crm.opportunities, inline: as of the last commit).</summary>
    public async Task<long> OpenOpportunitiesAsync(Guid pipelineId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select count(*) from crm.opportunities where pipeline_id = @pipeline and outcome = 'open'");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<PipelineRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {PipelineSql.Binder.SelectList} from crm.pipelines where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? PipelineSql.Binder.Read(reader) : null;
    }

    public async Task<PipelineRow?> DefaultAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {PipelineSql.Binder.SelectList} from crm.pipelines where is_default");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? PipelineSql.Binder.Read(reader) : null;
    }

    public async Task<IReadOnlyList<PipelineRow>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {PipelineSql.Binder.SelectList} from crm.pipelines order by is_default desc, lower(name), id");
        var rows = new List<PipelineRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(PipelineSql.Binder.Read(reader));
        return rows;
    }
}
