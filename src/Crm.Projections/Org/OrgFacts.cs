using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Org;

/// <summary>
/// The facts the org deciders rest on (does the parent exist, the chain up, what is still in a
/// department, is the name or mobile taken, how many super administrators remain), read either now
/// (<see cref="Now"/>) or inside an append's own transaction (<see cref="Within"/>): a handler decides on
/// the first and its append guard re-reads the same facts under its lock, so a rule across records holds
/// with one connection per command.
/// </summary>
public sealed class OrgFacts
{
    private readonly NpgsqlDataSource? dataSource;
    private readonly NpgsqlConnection? connection;
    private readonly NpgsqlTransaction? tx;

    private OrgFacts(NpgsqlDataSource? dataSource, NpgsqlConnection? connection, NpgsqlTransaction? tx) =>
        (this.dataSource, this.connection, this.tx) = (dataSource, connection, tx);

    /// <summary>Facts as committed now, each read on a pooled connection.</summary>
    public static OrgFacts Now(NpgsqlDataSource dataSource) => new(dataSource, null, null);

    /// <summary>Facts as an append's transaction sees them (after its guard's locks).</summary>
    public static OrgFacts Within(NpgsqlConnection connection, NpgsqlTransaction tx) => new(null, connection, tx);

    public async Task<bool> DepartmentExistsAsync(Guid? id, CancellationToken ct) =>
        id is { } key && await ScalarAsync<bool>("select exists (select 1 from org.departments where id = @id)", key, ct);

    public async Task<bool> PositionExistsAsync(Guid? id, CancellationToken ct) =>
        id is { } key && await ScalarAsync<bool>("select exists (select 1 from org.positions where id = @id)", key, ct);

    /// <summary>The department followed by its ancestors up to the top level; null when it does not exist.</summary>
    public Task<IReadOnlyList<Guid>?> DepartmentAncestryAsync(Guid id, CancellationToken ct) => ChainAsync("org.departments", "parent_id", id, ct);

    /// <summary>The position followed by its superiors up to the top; null when it does not exist.</summary>
    public Task<IReadOnlyList<Guid>?> PositionChainAsync(Guid id, CancellationToken ct) => ChainAsync("org.positions", "superior_position_id", id, ct);

    /// <summary>The user followed by their superior, the superior's superior, … up to the top; null when the user does not exist.</summary>
    public Task<IReadOnlyList<Guid>?> UserChainAsync(Guid id, CancellationToken ct) => ChainAsync("org.users", "superior_id", id, ct);

    /// <summary>What is still in a department: sub-departments, users (enabled or not) and positions.</summary>
    public Task<DepartmentContents> DepartmentContentsAsync(Guid id, CancellationToken ct) => CountsAsync(
        """
        select (select count(*)::int from org.departments where parent_id = @id) as sub_departments,
               (select count(*)::int from org.users where department_id = @id) as users,
               (select count(*)::int from org.positions where department_id = @id) as positions
        """, id, row => new DepartmentContents(row.Int("sub_departments"), row.Int("users"), row.Int("positions")), ct);

    /// <summary>Users holding the position, and positions reporting to it.</summary>
    public Task<PositionUsage> PositionUsageAsync(Guid id, CancellationToken ct) => CountsAsync(
        """
        select (select count(*)::int from org.users where position_id = @id) as holders,
               (select count(*)::int from org.positions where superior_position_id = @id) as subordinates
        """, id, row => new PositionUsage(row.Int("holders"), row.Int("subordinates")), ct);

    /// <summary>Whether another live role already has this name (case-insensitive, trimmed).</summary>
    public async Task<bool> RoleNameTakenAsync(string? name, Guid exceptId, CancellationToken ct) =>
        !string.IsNullOrWhiteSpace(name) && await ReadAsync(
            "select exists (select 1 from org.roles where not is_deleted and lower(name) = lower(@name) and id <> @id)",
            p => { p.Add(new NpgsqlParameter<string>("name", name.Trim())); p.Add(new NpgsqlParameter<Guid>("id", exceptId)); },
            async cmd => (bool)(await cmd.ExecuteScalarAsync(ct))!, ct);

    /// <summary>How many users (enabled or not) hold the role now.</summary>
    public Task<int> RoleHoldersAsync(Guid id, CancellationToken ct) =>
        ScalarAsync<int>("select count(*)::int from org.users where @id = any(role_ids)", id, ct);

    /// <summary>Which of the given role ids do not exist in org.roles (or were deleted), in id order.</summary>
    public async Task<IReadOnlyList<Guid>> UnknownRolesAsync(IEnumerable<Guid>? roleIds, CancellationToken ct)
    {
        var ids = roleIds?.Distinct().Order().ToArray() ?? [];
        if (ids.Length == 0) return [];
        return await ReadAsync(
            "select id from unnest(@ids) as ids(id) where not exists (select 1 from org.roles r where r.id = ids.id and not r.is_deleted) order by id",
            p => p.Add(new NpgsqlParameter<Guid[]>("ids", ids)), cmd => GuidsAsync(cmd, ct), ct);
    }

    public Task<UserRow?> UserAsync(Guid id, CancellationToken ct) =>
        ReadAsync($"select {UserSql.Binder.SelectList} from org.users where id = @id", p => p.Add(new NpgsqlParameter<Guid>("id", id)), async cmd =>
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? UserSql.Binder.Read(reader) : null;
        }, ct);

    /// <summary>Whether another user than <paramref name="exceptId"/> has this mobile number (trimmed).</summary>
    public async Task<bool> MobileTakenAsync(string? mobile, Guid exceptId, CancellationToken ct) =>
        !string.IsNullOrWhiteSpace(mobile) && await ReadAsync(
            "select exists (select 1 from org.users where mobile = @mobile and id <> @id)",
            p => { p.Add(new NpgsqlParameter<string>("mobile", mobile.Trim())); p.Add(new NpgsqlParameter<Guid>("id", exceptId)); },
            async cmd => (bool)(await cmd.ExecuteScalarAsync(ct))!, ct);

    /// <summary>Enabled super administrators other than <paramref name="except"/>: the "last one" rule needs at least one.</summary>
    public Task<int> OtherActiveSuperAdminsAsync(Guid except, CancellationToken ct) =>
        ScalarAsync<int>("select count(*)::int from org.users where is_super_admin and not is_disabled and id <> @id", except, ct);

    /// <summary>True when no user exists yet: the first start, when the bootstrap administrator is created.</summary>
    public Task<bool> NoUsersYetAsync(CancellationToken ct) =>
        ReadAsync("select not exists (select 1 from org.users)", _ => { }, async cmd => (bool)(await cmd.ExecuteScalarAsync(ct))!, ct);

    private async Task<IReadOnlyList<Guid>?> ChainAsync(string table, string parentColumn, Guid id, CancellationToken ct)
    {
        var chain = await ReadAsync(ChainUp.Sql(table, parentColumn), p => p.Add(new NpgsqlParameter<Guid>("id", id)), cmd => GuidsAsync(cmd, ct), ct);
        return chain.Count == 0 ? null : chain;
    }

    private Task<T> ScalarAsync<T>(string sql, Guid id, CancellationToken ct) =>
        ReadAsync(sql, p => p.Add(new NpgsqlParameter<Guid>("id", id)), async cmd => (T)(await cmd.ExecuteScalarAsync(ct))!, ct);

    /// <summary>One row of counts, read by column name.</summary>
    private Task<T> CountsAsync<T>(string sql, Guid id, Func<RowReader, T> read, CancellationToken ct) =>
        ReadAsync(sql, p => p.Add(new NpgsqlParameter<Guid>("id", id)), async cmd =>
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return read(new RowReader(reader));
        }, ct);

    private static async Task<IReadOnlyList<Guid>> GuidsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(new RowReader(reader).Id("id"));
        return ids;
    }

    private async Task<T> ReadAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlCommand, Task<T>> run, CancellationToken ct)
    {
        if (connection is not null)
        {
            await using var inTx = new NpgsqlCommand(sql, connection, tx);
            bind(inTx.Parameters);
            return await run(inTx);
        }
        await using var pooled = await dataSource!.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, pooled);
        bind(cmd.Parameters);
        return await run(cmd);
    }
}

/// <summary>What is still in a department: it can be deleted only when all three are zero.</summary>
public sealed record DepartmentContents(int SubDepartments, int Users, int Positions);

/// <summary>Users holding a position and positions reporting to it.</summary>
public sealed record PositionUsage(int Holders, int Subordinates);
