using Crm.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Org;

/// <summary>Which departments a list shows: all, one parent's children, or the top level.</summary>
public sealed record DepartmentFilter(Guid? ParentId = null, bool TopLevelOnly = false);

/// <summary>Reads of the org tree: from org.departments now, or folded from the stream for a past moment.</summary>
public sealed class DepartmentQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    // A cycle cannot be written through the API, but a walk up the tree must end even if one slipped in.
    public async Task<DepartmentRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select {DepartmentSql.Binder.SelectList} from org.departments where id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? DepartmentSql.Binder.Read(reader) : null;
    }

    /// <summary>The department as it was at a version or a moment (time travel); null if it did not exist yet.</summary>
    public Task<DepartmentRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<DepartmentRow>(id, version, asOf, DepartmentRow.Evolve, ct);

    /// <summary>Departments ordered by (name, id), <paramref name="limit"/> per page, after the cursor's position.</summary>
    public async Task<Page<DepartmentRow>> ListAsync(DepartmentFilter filter, int limit, string? cursor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {DepartmentSql.Binder.SelectList} from org.departments
            where (@parent::uuid is null or parent_id = @parent)
              and (not @top or parent_id is null)
              and (not @hasAfter or (name, id) > (@afterName, @afterId))
            order by name, id
            limit @take
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter("parent", NpgsqlDbType.Uuid) { Value = (object?)filter.ParentId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<bool>("top", filter.TopLevelOnly));
        KeysetPages.BindCursor(cmd, cursor, limit);
        return await KeysetPages.ReadAsync(cmd, limit, DepartmentSql.Binder.Read, r => (r.Name, r.Id), ct);
    }

    /// <summary>
    /// The department followed by its ancestors up to the top level; null when it does not exist.
    /// The write side hands this to the decider to refuse moves that would close a cycle.
    /// </summary>
    public Task<IReadOnlyList<Guid>?> AncestryAsync(Guid id, CancellationToken ct = default) =>
        ChainUp.ReadAsync(dataSource, "org.departments", "parent_id", id, ct);
}
