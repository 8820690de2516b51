using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Org;

/// <summary>Which users a list shows. Status: null (all), "enabled" or "disabled".</summary>
/// <param name="NameOnly">Match <paramref name="Query"/> against display names only (the picker must not reveal mobile numbers).</param>
public sealed record UserFilter(Guid? DepartmentId = null, string? Query = null, bool? Disabled = null, bool NameOnly = false);

/// <summary>Reads of org.users: one user, lists, and the lookups the write side hands to the user decider.</summary>
public sealed class UserQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    // A cycle cannot be written through the API, but a walk up the chain must end even if one slipped in.
    public async Task<UserRow?> GetAsync(Guid id, CancellationToken ct = default) =>
        await SingleAsync("id = @key", new NpgsqlParameter<Guid>("key", id), ct);

    /// <summary>
    /// The user's time zone (an IANA id; UTC for an unknown user): the workbench's days and the calendar's default display zone.
    /// One primary-key lookup that reads nothing else.
    /// </summary>
    public async Task<string> TimeZoneOfAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select time_zone from org.users where id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return await cmd.ExecuteScalarAsync(ct) as string ?? Calendar.CalendarZones.Default;
    }

    public async Task<UserRow?> FindByMobileAsync(string mobile, CancellationToken ct = default) =>
        await SingleAsync("mobile = @key", new NpgsqlParameter<string>("key", mobile), ct);

    private async Task<UserRow?> SingleAsync(string where, NpgsqlParameter key, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select {UserSql.Binder.SelectList} from org.users where {where}", connection);
        cmd.Parameters.Add(key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? UserSql.Binder.Read(reader) : null;
    }

    /// <summary>The user as it was at a version or a moment (time travel); null if it did not exist yet.</summary>
    public Task<UserRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<UserRow>(id, version, asOf, UserRow.Evolve, ct);

    /// <summary>Users ordered by (display name, id), <paramref name="limit"/> per page, after the cursor's position.</summary>
    public async Task<Page<UserRow>> ListAsync(UserFilter filter, int limit, string? cursor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {UserSql.Binder.SelectList} from org.users
            where (@department::uuid is null or department_id = @department)
              and (@disabled::boolean is null or is_disabled = @disabled)
              and (@q::text is null or strpos(lower(display_name), lower(@q)) > 0 or (not @nameOnly and strpos(mobile, @q) > 0))
              and (not @hasAfter or (display_name, id) > (@afterName, @afterId))
            order by display_name, id
            limit @take
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Uuid) { Value = (object?)filter.DepartmentId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("disabled", NpgsqlDbType.Boolean) { Value = (object?)filter.Disabled ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = (object?)filter.Query ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<bool>("nameOnly", filter.NameOnly));
        KeysetPages.BindCursor(cmd, cursor, limit);
        return await KeysetPages.ReadAsync(cmd, limit, UserSql.Binder.Read, r => (r.DisplayName, r.Id), ct);
    }

    /// <summary>
    /// The user followed by their superior, the superior's superior, … up to the top; null when the
    /// user does not exist. The write side hands this to the decider to refuse a superior that would close a cycle.
    /// </summary>
    public Task<IReadOnlyList<Guid>?> SuperiorChainAsync(Guid id, CancellationToken ct = default) =>
        OrgFacts.Now(dataSource).UserChainAsync(id, ct);

    /// <summary>Enabled super administrators other than <paramref name="except"/>: the "last one" rule needs at least one.</summary>
    public Task<int> OtherActiveSuperAdminsAsync(Guid except, CancellationToken ct = default) =>
        OrgFacts.Now(dataSource).OtherActiveSuperAdminsAsync(except, ct);

    /// <summary>True when no user exists yet: the first start, when the bootstrap administrator is created.</summary>
    public Task<bool> NoneYetAsync(CancellationToken ct = default) => OrgFacts.Now(dataSource).NoUsersYetAsync(ct);
}
