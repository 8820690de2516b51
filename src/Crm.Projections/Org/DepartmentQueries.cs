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
    private const int MaxDepth = 1000;

    public async Task<DepartmentRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select {DepartmentSql.Columns} from org.departments where id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? DepartmentSql.Read(reader) : null;
    }

    /// <summary>The department as it was at a version or a moment (time travel); null if it did not exist yet.</summary>
    public async Task<DepartmentRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default)
    {
        var folded = await store.AggregateStreamAsync<DepartmentRow?>(id, null, DepartmentRow.Evolve, version, asOf, ct);
        return folded?.State;
    }

    /// <summary>Departments ordered by (name, id), <paramref name="limit"/> per page, after the cursor's position.</summary>
    public async Task<Page<DepartmentRow>> ListAsync(DepartmentFilter filter, int limit, string? cursor, CancellationToken ct = default)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {DepartmentSql.Columns} from org.departments
            where (@parent::uuid is null or parent_id = @parent)
              and (not @top or parent_id is null)
              and (not @hasAfter or (name, id) > (@afterName, @afterId))
            order by name, id
            limit @take
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter("parent", NpgsqlDbType.Uuid) { Value = (object?)filter.ParentId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<bool>("top", filter.TopLevelOnly));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("hasAfter", hasAfter));
        cmd.Parameters.Add(new NpgsqlParameter<string>("afterName", after.SortValue ?? ""));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit + 1));
        var rows = new List<DepartmentRow>(limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(DepartmentSql.Read(reader));
        }
        if (rows.Count <= limit) return new Page<DepartmentRow>(rows, null);
        rows.RemoveAt(limit);
        return new Page<DepartmentRow>(rows, KeysetCursor.Encode(rows[^1].Name, rows[^1].Id));
    }

    /// <summary>
    /// The department followed by its ancestors up to the top level; null when it does not exist.
    /// The write side hands this to the decider to refuse moves that would close a cycle.
    /// </summary>
    public async Task<IReadOnlyList<Guid>?> AncestryAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            """
            with recursive up (id, parent_id, depth) as (
                select id, parent_id, 0 from org.departments where id = @id
                union all
                select d.id, d.parent_id, up.depth + 1 from org.departments d join up on d.id = up.parent_id where up.depth < @max
            )
            select id from up order by depth
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("max", MaxDepth));
        var chain = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) chain.Add(reader.GetGuid(0));
        return chain.Count == 0 ? null : chain;
    }
}
