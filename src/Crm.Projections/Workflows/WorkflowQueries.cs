using Npgsql;

namespace Crm.Projections.Workflows;

/// <summary>Reads of workflows: one, or every one (a handful: rules are configuration).</summary>
public sealed class WorkflowQueries(NpgsqlDataSource dataSource)
{
    public async Task<WorkflowRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {WorkflowSql.Binder.SelectList} from crm.workflows where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? WorkflowSql.Binder.Read(reader) : null;
    }

    /// <summary>Every workflow, by name; <paramref name="trigger"/> keeps the enabled ones of one trigger (the sweep's no_follow_up).</summary>
    public async Task<IReadOnlyList<WorkflowRow>> ListAsync(string? trigger = null, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {WorkflowSql.Binder.SelectList} from crm.workflows where @on::text is null or (enabled and trigger_on = @on) order by lower(name), id");
        cmd.Parameters.Add(new NpgsqlParameter("on", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)trigger ?? DBNull.Value });
        var rows = new List<WorkflowRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(WorkflowSql.Binder.Read(reader));
        return rows;
    }
}
