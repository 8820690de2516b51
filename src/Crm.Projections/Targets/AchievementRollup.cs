using Crm.EventStore.Projections;
using Crm.Projections.Dashboard;
using Npgsql;

namespace Crm.Projections.Targets;

/// <summary>
/// crm.achievement_rollup's side of the achievement projection: for each deal row a batch changed, its old figures out of its day,
/// month and year and its new ones in, all netted per bucket and written in one statement.
/// </summary>
internal static class AchievementRollup
{
    private readonly record struct Key(string Measure, char Grain, DateOnly Bucket, Guid Owner, string Currency);

    /// <summary>The statements that apply the changes: the netted sums, then the removal of the buckets they emptied.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Changes(IEnumerable<(AchievementDeal? Before, AchievementDeal? After)> changes)
    {
        var sums = new Dictionary<Key, (decimal Amount, int Deals)>();
        foreach (var (before, after) in changes)
        {
            Add(sums, before, -1);
            Add(sums, after, +1);
        }
        var keys = sums.Where(s => s.Value.Deals != 0 || s.Value.Amount != 0).Select(s => s.Key).ToArray();
        if (keys.Length == 0) yield break;
        var upsert = new NpgsqlBatchCommand(
            """
            insert into crm.achievement_rollup as r (measure, grain, bucket, owner_id, currency, amount, deals)
            select * from unnest(@measure::text[], @grain::char(1)[], @bucket::date[], @owner::uuid[], @currency::text[], @amount::numeric[], @deals::int[])
            on conflict (measure, grain, bucket, owner_id, currency) do update set amount = r.amount + excluded.amount, deals = r.deals + excluded.deals
            """);
        BindKeys(upsert, keys);
        upsert.Parameters.Add(new NpgsqlParameter<decimal[]>("amount", keys.Select(k => sums[k].Amount).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<int[]>("deals", keys.Select(k => sums[k].Deals).ToArray()));
        yield return upsert;
        // A bucket a void, a deletion or a re-dating emptied goes: the rollup holds only buckets with counted deals.
        var emptied = new NpgsqlBatchCommand(
            """
            delete from crm.achievement_rollup r
            using unnest(@measure::text[], @grain::char(1)[], @bucket::date[], @owner::uuid[], @currency::text[])
                as k(measure, grain, bucket, owner_id, currency)
            where r.measure = k.measure and r.grain = k.grain and r.bucket = k.bucket and r.owner_id = k.owner_id and r.currency = k.currency
              and r.deals = 0
            """);
        BindKeys(emptied, keys);
        yield return emptied;
    }

    private static void BindKeys(NpgsqlBatchCommand cmd, Key[] keys)
    {
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("measure", keys.Select(k => k.Measure).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("grain", keys.Select(k => k.Grain.ToString()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("bucket", keys.Select(k => k.Bucket).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owner", keys.Select(k => k.Owner).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("currency", keys.Select(k => k.Currency).ToArray()));
    }

    private static void Add(Dictionary<Key, (decimal Amount, int Deals)> sums, AchievementDeal? deal, int sign)
    {
        if (deal is not { Counted: true, DatedOn: { } day }) return;
        foreach (var key in new[]
                 {
                     new Key(deal.Measure, BucketCover.Day, day, deal.OwnerId, deal.Amount.Currency),
                     new Key(deal.Measure, BucketCover.Month, new DateOnly(day.Year, day.Month, 1), deal.OwnerId, deal.Amount.Currency),
                     new Key(deal.Measure, BucketCover.Year, new DateOnly(day.Year, 1, 1), deal.OwnerId, deal.Amount.Currency),
                 })
        {
            var (amount, deals) = sums.GetValueOrDefault(key);
            sums[key] = (amount + sign * deal.Amount.Amount, deals + sign);
        }
    }
}
