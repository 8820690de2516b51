using Crm.Events;
using Crm.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Targets;

/// <summary>Which targets: owners in scope (null: all), and optionally a period and measure, a subject, a day their period holds.</summary>
public sealed record TargetFilter(Guid[]? Owners, int? Year = null, string? Period = null, int? PeriodNo = null, string? Measure = null,
    string? SubjectKind = null, Guid? SubjectId = null, DateOnly? On = null);

/// <summary>Reads of crm.targets and the achievement against them (crm.achievement_deals, async).</summary>
public sealed class TargetQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    // A department target's members: the users of the department and of every department below it, as the org is now (as the
    // funnel's departmentId filter counts them). Computed only for departments some target names; depth bounded as the org tree is.
    private const string Members = """
        with recursive tree(root, id, depth) as (
            select d.id, d.id, 0 from org.departments d
            where d.id in (select x.subject_id from crm.targets x where x.subject_kind = 'department')
            union all select tree.root, c.id, tree.depth + 1 from org.departments c join tree on c.parent_id = tree.id where tree.depth < 64),
        members(department_id, user_id) as (select tree.root, u.id from tree join org.users u on u.department_id = tree.id)
        """;

    // A user target is in scope with its user; a department target when its department (with its sub-departments) has members and
    // every one is in scope (so an all or department-and-children scope over it, or subordinates covering every member).
    private const string InScope = """
        (@owners::uuid[] is null
         or (t.subject_kind = 'user' and t.subject_id = any(@owners))
         or (t.subject_kind = 'department' and exists (select 1 from members m where m.department_id = t.subject_id)
             and not exists (select 1 from members m where m.department_id = t.subject_id and not (m.user_id = any(@owners)))))
        """;

    private const string Filtered = """
        (@year::int is null or t.year = @year) and (@period::text is null or t.period = @period)
        and (@periodNo::int is null or t.period_no = @periodNo) and (@measure::text is null or t.measure = @measure)
        and (@kind::text is null or t.subject_kind = @kind) and (@subject::uuid is null or t.subject_id = @subject)
        and (@on::date is null or (t.starts_on <= @on and t.ends_before > @on))
        """;

    public async Task<TargetRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {TargetSql.Binder.SelectList} from crm.targets where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? TargetSql.Binder.Read(reader) : null;
    }

    public Task<TargetRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<TargetRow>(id, version, asOf, TargetRow.Evolve, ct);

    /// <summary>Targets in scope matching the filter, by period then subject; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<TargetRow>> ListAsync(TargetFilter filter, int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"{Members} select {TargetSql.Binder.SelectList} from crm.targets t where {InScope} and {Filtered} "
            + $"order by t.starts_on, t.measure, t.subject_kind, t.subject_id limit {limit}");
        Bind(cmd, filter);
        return await ReadAsync(cmd, r => TargetSql.Binder.Read(r), ct);
    }

    /// <summary>
    /// Each target in scope with what counted in its period: the subject's (a department: the current members of it and of its
    /// sub-departments) counted deals of the
    /// target's measure, in the target's currency, dated inside the period.
    /// </summary>
    public async Task<IReadOnlyList<TargetAchievement>> AchievementAsync(TargetFilter filter, int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            {Members}
            select {TargetSql.Binder.SelectList},
                   coalesce((select sum(d.amount) from crm.achievement_deals d
                             where d.counted and d.measure = t.measure and d.currency = t.currency
                               and d.dated_on >= t.starts_on and d.dated_on < t.ends_before
                               and (case when t.subject_kind = 'user' then d.owner_id = t.subject_id
                                         else d.owner_id in (select m.user_id from members m where m.department_id = t.subject_id) end)), 0) as achieved
            from crm.targets t where {InScope} and {Filtered}
            order by t.starts_on, t.measure, t.subject_kind, t.subject_id limit {limit}
            """);
        Bind(cmd, filter);
        return await ReadAsync(cmd, r =>
        {
            var target = TargetSql.Binder.Read(r);
            var achieved = r.GetDecimal(r.GetOrdinal("achieved"));
            return new TargetAchievement(target, achieved, Math.Round(achieved / target.Amount.Amount, 4, MidpointRounding.AwayFromZero));
        }, ct);
    }

    /// <summary>Whether a live target other than <paramref name="except"/> has the key (in the append's transaction, under the key's lock).</summary>
    public async Task<bool> KeyTakenAsync(TargetKey key, Guid except, NpgsqlConnection? connection = null, NpgsqlTransaction? tx = null,
        CancellationToken ct = default)
    {
        await using var own = connection is null ? await dataSource.OpenConnectionAsync(ct) : null;
        await using var cmd = new NpgsqlCommand(
            """
            select exists (select 1 from crm.targets t where t.subject_kind = @kind and t.subject_id = @subject and t.measure = @measure
                and t.year = @year and t.period = @period and coalesce(t.period_no, 0) = @periodNo and t.id <> @except)
            """, connection ?? own, tx);
        Bind(cmd, new TargetFilter(null, key.Year, key.Period, key.PeriodNo ?? 0, key.Measure, key.SubjectKind, key.SubjectId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("except", except));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Whether the subject exists: a user, or a department.</summary>
    public async Task<bool> SubjectExistsAsync(string kind, Guid id, CancellationToken ct = default)
    {
        var table = kind == TargetSubjects.Department ? "org.departments" : "org.users";
        await using var cmd = dataSource.CreateCommand($"select exists (select 1 from {table} where id = @id)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The department's members now: the users of it and of every department below it.</summary>
    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid departmentId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            with recursive sub(id, depth) as (
                select id, 0 from org.departments where id = @id
                union all select d.id, sub.depth + 1 from org.departments d join sub on d.parent_id = sub.id where sub.depth < 64)
            select u.id from org.users u where u.department_id in (select id from sub)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", departmentId));
        return await ReadAsync(cmd, r => r.GetGuid(0), ct);
    }

    private static void Bind(NpgsqlCommand cmd, TargetFilter f)
    {
        cmd.Parameters.Add(new NpgsqlParameter("owners", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (object?)f.Owners ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("year", NpgsqlDbType.Integer) { Value = (object?)f.Year ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("period", NpgsqlDbType.Text) { Value = (object?)f.Period ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("periodNo", NpgsqlDbType.Integer) { Value = (object?)f.PeriodNo ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("measure", NpgsqlDbType.Text) { Value = (object?)f.Measure ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)f.SubjectKind ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Uuid) { Value = (object?)f.SubjectId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("on", NpgsqlDbType.Date) { Value = (object?)f.On ?? DBNull.Value });
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlCommand cmd, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
