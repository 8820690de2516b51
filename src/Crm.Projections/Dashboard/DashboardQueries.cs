using Crm.Events;
using Npgsql;

namespace Crm.Projections.Dashboard;

/// <summary>
/// Reads of the dashboard's async read models: crm.dashboard_activity (counts by UTC bucket) and crm.achievement_rollup (counted
/// deals by day, month and year). Each period is split into the fewest whole buckets (<see cref="BucketCover"/>) and every period of a
/// request is summed in one statement, so the cost follows the owners and the number of buckets, not the events. Each bucket range
/// is read by its own index scan (a lateral subquery, fenced by "offset 0" so the planner can neither flatten it into a hash join
/// over the whole table). A scope of owners is a statement of its own shape (<see cref="Scoped"/>), never "@owners is null or ...",
/// which no index can serve.
/// </summary>
public sealed class DashboardQueries(NpgsqlDataSource dataSource)
{
    public static readonly string[] Measures = [TargetMeasures.ContractAmount, TargetMeasures.PaymentsReceived];

    /// <summary>Activity per period (index in <paramref name="periods"/>), per owner too when <paramref name="byOwner"/>.</summary>
    public async Task<IReadOnlyList<ActivitySums>> ActivityAsync(IReadOnlyList<InstantPeriod> periods, Guid[]? owners, bool byOwner,
        CancellationToken ct = default)
    {
        var ranges = periods.SelectMany((p, i) => BucketCover.Of(p.From, p.Until).Select(r => (Period: i, Range: r))).ToList();
        var owner = byOwner ? "a.owner_id" : "null::uuid";
        var inner = Scoped(owners);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.period, {owner} as owner_id, sum(a.new_leads * r.sign)::bigint, sum(a.new_customers * r.sign)::bigint,
                   sum(a.new_contacts * r.sign)::bigint, sum(a.new_opportunities * r.sign)::bigint, sum(a.follow_ups * r.sign)::bigint
            from unnest(@period::int[], @grain::char(1)[], @from::timestamptz[], @until::timestamptz[], @sign::int[])
                as r(period, grain, from_at, until_at, sign)
            cross join lateral (
                select x.owner_id, sum(x.new_leads) as new_leads, sum(x.new_customers) as new_customers, sum(x.new_contacts) as new_contacts,
                       sum(x.new_opportunities) as new_opportunities, sum(x.follow_ups) as follow_ups
                from crm.dashboard_activity x
                where x.grain = r.grain and x.bucket >= r.from_at and x.bucket < r.until_at {inner}
                group by x.owner_id offset 0) a
            group by 1, 2
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("period", ranges.Select(r => r.Period).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("grain", ranges.Select(r => r.Range.Grain.ToString()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("from", ranges.Select(r => r.Range.From).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("until", ranges.Select(r => r.Range.Until).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("sign", ranges.Select(r => r.Range.Sign).ToArray()));
        AddOwners(cmd, owners);
        var sums = new List<ActivitySums>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sums.Add(new ActivitySums(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        }
        return sums;
    }

    /// <summary>Counted contracts and approved payments per period, measure and currency (per owner too when <paramref name="byOwner"/>).</summary>
    public async Task<IReadOnlyList<DealSums>> DealsAsync(IReadOnlyList<DayPeriod> periods, Guid[]? owners, bool byOwner,
        IReadOnlyList<string>? measures = null, CancellationToken ct = default)
    {
        var ranges = periods.SelectMany((p, i) => BucketCover.OfDays(p.First, p.Last).Select(r => (Period: i, Range: r)))
            .SelectMany(r => (measures ?? Measures).Select(m => (r.Period, r.Range, Measure: m))).ToList();
        var owner = byOwner ? "a.owner_id" : "null::uuid";
        var inner = Scoped(owners);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.period, {owner} as owner_id, r.measure, a.currency, sum(a.amount * r.sign), sum(a.deals * r.sign)::bigint
            from unnest(@period::int[], @measure::text[], @grain::char(1)[], @from::date[], @until::date[], @sign::int[])
                as r(period, measure, grain, from_on, until_on, sign)
            cross join lateral (
                select x.owner_id, x.currency, sum(x.amount) as amount, sum(x.deals) as deals from crm.achievement_rollup x
                where x.measure = r.measure and x.grain = r.grain and x.bucket >= r.from_on and x.bucket < r.until_on {inner}
                group by x.owner_id, x.currency offset 0) a
            group by 1, 2, 3, 4
            having sum(a.deals * r.sign) <> 0
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("period", ranges.Select(r => r.Period).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("measure", ranges.Select(r => r.Measure).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("grain", ranges.Select(r => r.Range.Grain.ToString()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("from", ranges.Select(r => r.Range.From).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("until", ranges.Select(r => r.Range.Until).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("sign", ranges.Select(r => r.Range.Sign).ToArray()));
        AddOwners(cmd, owners);
        var sums = new List<DealSums>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sums.Add(new DealSums(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetDecimal(4), reader.GetInt64(5)));
        }
        return sums;
    }

    /// <summary>
    /// Counted deals per calendar month from <paramref name="firstMonth"/> for <paramref name="months"/> months, per measure and currency:
    /// one range of month rows, not one per month.
    /// </summary>
    public async Task<IReadOnlyList<(DateOnly Month, string Measure, string Currency, decimal Amount, long Deals)>> MonthlyDealsAsync(DateOnly firstMonth,
        int months, Guid[]? owners, IReadOnlyList<string>? measures = null, CancellationToken ct = default)
    {
        var inner = Scoped(owners);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select x.bucket, x.measure, x.currency, sum(x.amount), sum(x.deals)::bigint from crm.achievement_rollup x
            where x.measure = any(@measures) and x.grain = 'm' and x.bucket >= @from and x.bucket < @until {inner}
            group by 1, 2, 3
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("measures", [.. measures ?? Measures]));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("from", firstMonth));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("until", firstMonth.AddMonths(months)));
        AddOwners(cmd, owners);
        var rows = new List<(DateOnly, string, string, decimal, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetInt64(4)));
        return rows;
    }

    /// <summary>The names of these users (a ranking's), by id; a user not there is left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> UserNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var names = new Dictionary<Guid, string>();
        if (ids.Count == 0) return names;
        await using var cmd = dataSource.CreateCommand("select id, display_name from org.users where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names[reader.GetGuid(0)] = reader.GetString(1);
        return names;
    }

    /// <summary>A scope of at most this many owners is read owner by owner (the owner index); a larger one from every owner's rows.</summary>
    public const int OwnerByOwner = 64;

    // Everyone: no condition. A few owners: each one's rows by the owner index, one descent per owner and range. Many owners (a
    // department): the range's rows of every owner by the key, each kept if its owner is in the scope — "is true" keeps the test
    // out of the index conditions (where PostgreSQL 15 would make it one descent per owner) and lets it hash the scope's ids, which
    // it does for a constant list: the data source of these reads plans every statement with its values (DashboardDataSource).
    private static string Scoped(Guid[]? owners) => owners switch
    {
        null => "",
        { Length: <= OwnerByOwner } => "and x.owner_id = any(@owners)",
        _ => "and (x.owner_id = any(@owners)) is true",
    };

    private static void AddOwners(NpgsqlCommand cmd, Guid[]? owners)
    {
        if (owners is not null) cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners));
    }
}
