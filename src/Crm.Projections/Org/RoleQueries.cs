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
    public async Task<bool> NameTakenAsync(string name, Guid exceptId, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select exists (select 1 from org.roles where not is_deleted and lower(name) = lower(@name) and id <> @id)", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name.Trim()));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", exceptId));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>How many users (enabled or not) hold the role now.</summary>
    public async Task<int> HoldersAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select count(*)::int from org.users where @id = any(role_ids)", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
