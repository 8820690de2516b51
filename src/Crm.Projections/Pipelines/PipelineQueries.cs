using Npgsql;

namespace Crm.Projections.Pipelines;

/// <summary>Reads of pipelines: one, or all (the default first, then by name).</summary>
public sealed class PipelineQueries(NpgsqlDataSource dataSource)
{
    /// <summary>How many open opportunities follow the pipeline (crm.opportunities, inline: as of the last commit).</summary>
    /// <summary>
    /// The count again inside a pipeline delete's transaction, after locking the pipeline's row FOR UPDATE: an opportunity append
    /// that read the pipeline FOR SHARE has committed by then (and is counted), or will find the row gone and decide again.
    /// </summary>
    public async Task<long> OpenOpportunitiesAsync(Guid pipelineId, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        await using (var locking = new NpgsqlCommand("select 1 from crm.pipelines where id = @pipeline for update", connection, tx))
        {
            locking.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
            await locking.ExecuteNonQueryAsync(ct);
        }
        // A statement of its own: under READ COMMITTED it sees what committed while it waited for the lock.
        await using var cmd = new NpgsqlCommand("select count(*) from crm.opportunities where pipeline_id = @pipeline and outcome = 'open'", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

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
