using Crm.EventStore;
using Npgsql;
using NpgsqlTypes;
using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>Reads of positions, and the counts the department and position deciders need.</summary>
public sealed class PositionQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    // A cycle cannot be written through the API, but a walk up the chain must end even if one slipped in.
    public async Task<PositionRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select {PositionSql.Binder.SelectList} from org.positions where id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? PositionSql.Binder.Read(reader) : null;
    }

    /// <summary>The position as it was at a version or a moment (time travel); null if it did not exist then.</summary>
    public Task<PositionRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<PositionRow>(id, version, asOf, PositionRow.Evolve, ct);

    /// <summary>Positions ordered by (name, id), all or one department's, <paramref name="limit"/> per page.</summary>
    public async Task<Page<PositionRow>> ListAsync(Guid? departmentId, int limit, string? cursor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {PositionSql.Binder.SelectList} from org.positions
            where (@department::uuid is null or department_id = @department)
              and (not @hasAfter or (name, id) > (@afterName, @afterId))
            order by name, id
            limit @take
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Uuid) { Value = (object?)departmentId ?? DBNull.Value });
        KeysetPages.BindCursor(cmd, cursor, limit);
        return await KeysetPages.ReadAsync(cmd, limit, PositionSql.Binder.Read, r => (r.Name, r.Id), ct);
    }

    /// <summary>The position followed by its superiors up to the top; null when it does not exist.</summary>
    public Task<IReadOnlyList<Guid>?> SuperiorChainAsync(Guid id, CancellationToken ct = default) =>
        ChainUp.ReadAsync(dataSource, "org.positions", "superior_position_id", id, ct);

    /// <summary>Users holding the position, and positions reporting to it.</summary>
    public async Task<(int Holders, int Subordinates)> UsageAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            """
            select (select count(*)::int from org.users where position_id = @id) as holders,
                   (select count(*)::int from org.positions where superior_position_id = @id) as subordinates
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var r = new RowReader(reader);
        return (r.Int("holders"), r.Int("subordinates"));
    }

    /// <summary>What is still in a department: sub-departments, users (enabled or not) and positions.</summary>
    public async Task<(int SubDepartments, int Users, int Positions)> DepartmentContentsAsync(Guid departmentId, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            """
            select (select count(*)::int from org.departments where parent_id = @id) as sub_departments,
                   (select count(*)::int from org.users where department_id = @id) as users,
                   (select count(*)::int from org.positions where department_id = @id) as positions
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", departmentId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var r = new RowReader(reader);
        return (r.Int("sub_departments"), r.Int("users"), r.Int("positions"));
    }
}
