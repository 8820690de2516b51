using Crm.EventStore;
using Npgsql;

namespace Crm.Projections.Org;

/// <summary>Reads of roles: from org.roles now, or folded from the stream for a past moment.</summary>
public sealed class RoleQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    /// <summary>The role now, deleted ones included (callers decide whether a deleted role is "not found").</summary>
    public async Task<RoleRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select {RoleSql.Binder.SelectList} from org.roles where id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? RoleSql.Binder.Read(reader) : null;
    }

    /// <summary>The role as it was at a version or a moment (time travel); null if it did not exist yet.</summary>
    public Task<RoleRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<RoleRow>(id, version, asOf, RoleRow.Evolve, ct);

    /// <summary>Live roles ordered by (name, id), <paramref name="limit"/> per page, after the cursor's position.</summary>
    public async Task<Page<RoleRow>> ListAsync(int limit, string? cursor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {RoleSql.Binder.SelectList} from org.roles
            where not is_deleted and (not @hasAfter or (name, id) > (@afterName, @afterId))
            order by name, id
            limit @take
            """, connection);
        KeysetPages.BindCursor(cmd, cursor, limit);
        return await KeysetPages.ReadAsync(cmd, limit, RoleSql.Binder.Read, r => (r.Name, r.Id), ct);
    }

    /// <summary>Whether another live role already has this name (case-insensitive, trimmed).</summary>
    public Task<bool> NameTakenAsync(string name, Guid exceptId, CancellationToken ct = default) =>
        OrgFacts.Now(dataSource).RoleNameTakenAsync(name, exceptId, ct);

    /// <summary>How many users (enabled or not) hold the role now.</summary>
    public Task<int> HoldersAsync(Guid id, CancellationToken ct = default) => OrgFacts.Now(dataSource).RoleHoldersAsync(id, ct);

    /// <summary>Which of the given role ids do not exist (or were deleted).</summary>
    public Task<IReadOnlyList<Guid>> UnknownAsync(IEnumerable<Guid>? roleIds, CancellationToken ct = default) =>
        OrgFacts.Now(dataSource).UnknownRolesAsync(roleIds, ct);
}
