using Crm.Events;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Dashboard;

/// <summary>
/// Reads of the dashboard's async read models: crm.dashboard_activity (counts by UTC bucket) and crm.achievement_rollup (counted
/// deals by day and month). Each period is split into the fewest whole buckets (<see cref="BucketCover"/>) and every period of a
/// request is summed in one statement, so the cost follows the owners and the number of buckets, not the events.
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
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.period, {owner} as owner_id, sum(a.new_leads)::bigint, sum(a.new_customers)::bigint, sum(a.new_contacts)::bigint,
                   sum(a.new_opportunities)::bigint, sum(a.follow_ups)::bigint
            from unnest(@period::int[], @grain::char(1)[], @from::timestamptz[], @until::timestamptz[]) as r(period, grain, from_at, until_at)
            join crm.dashboard_activity a on a.grain = r.grain and a.bucket >= r.from_at and a.bucket < r.until_at
            where @owners::uuid[] is null or a.owner_id = any(@owners)
            group by 1, 2
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("period", ranges.Select(r => r.Period).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("grain", ranges.Select(r => r.Range.Grain.ToString()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("from", ranges.Select(r => r.Range.From).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("until", ranges.Select(r => r.Range.Until).ToArray()));
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
    public async Task<IReadOnlyList<DealSums>> DealsAsync(IReadOnlyList<DayPeriod> periods, Guid[]? owners, bool byOwner, CancellationToken ct = default)
    {
        var ranges = periods.SelectMany((p, i) => BucketCover.OfDays(p.First, p.Last).Select(r => (Period: i, Range: r)))
            .SelectMany(r => Measures.Select(m => (r.Period, r.Range, Measure: m))).ToList();
        var owner = byOwner ? "d.owner_id" : "null::uuid";
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.period, {owner} as owner_id, r.measure, d.currency, sum(d.amount), sum(d.deals)::bigint
            from unnest(@period::int[], @measure::text[], @grain::char(1)[], @from::date[], @until::date[]) as r(period, measure, grain, from_on, until_on)
            join crm.achievement_rollup d on d.measure = r.measure and d.grain = r.grain and d.bucket >= r.from_on and d.bucket < r.until_on
            where @owners::uuid[] is null or d.owner_id = any(@owners)
            group by 1, 2, 3, 4
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("period", ranges.Select(r => r.Period).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("measure", ranges.Select(r => r.Measure).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("grain", ranges.Select(r => r.Range.Grain.ToString()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("from", ranges.Select(r => r.Range.From).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("until", ranges.Select(r => r.Range.Until).ToArray()));
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

    private static void AddOwners(NpgsqlCommand cmd, Guid[]? owners) =>
        cmd.Parameters.Add(new NpgsqlParameter("owners", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (object?)owners ?? DBNull.Value });
}
