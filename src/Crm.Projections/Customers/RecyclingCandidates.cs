using Npgsql;
using NpgsqlTypes;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>A recycling rule's parameters, as the candidate search needs them (the rule itself lives on the write side).</summary>
public sealed record RecyclingSearch(
    int? DaysWithoutFollowUp, int? DaysWithoutDeal, int WarningDaysBefore, IReadOnlyList<string> ExemptLevels, bool ExemptCustomersWithDeals = false);

/// <summary>
/// The customers a recycling job should put through the decider for one rule: owned, unlocked, not of
/// an exempt level, and at or past the warning day of at least one of the rule's periods. It errs on
/// the side of too many: the decider makes the exact call per customer. Deals come from crm.customer_deals.
/// </summary>
public sealed class RecyclingCandidates(NpgsqlDataSource dataSource)
{
    /// <summary>One batch of candidate ids after <paramref name="after"/> (keyset on id); empty when done.</summary>
    public async Task<IReadOnlyList<Guid>> NextAsync(RecyclingSearch rule, DateTimeOffset now, Guid? after, int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select c.id from crm.customers c
            left join lateral (select max(won_at) as last_deal_at from crm.customer_deals d where d.customer_id = c.id) deal on true
            where c.owner_id is not null and not c.locked
              and (c.level is null or not (lower(c.level) = any(@exempt)))
              and not (@exemptDeals and deal.last_deal_at is not null)
              and (@after::uuid is null or c.id > @after)
              and ((@n::int is not null and greatest(coalesce(c.last_follow_up_at, c.owned_since), c.owned_since) <= @now - make_interval(days => @n - @warn))
                or (@m::int is not null and greatest(coalesce(deal.last_deal_at, c.owned_since), c.owned_since) <= @now - make_interval(days => @m - @warn)))
            order by c.id
            limit @take
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("exempt", rule.ExemptLevels.Select(l => l.ToLowerInvariant()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Uuid) { Value = (object?)after ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Integer) { Value = (object?)rule.DaysWithoutFollowUp ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Integer) { Value = (object?)rule.DaysWithoutDeal ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<bool>("exemptDeals", rule.ExemptCustomersWithDeals));
        cmd.Parameters.Add(new NpgsqlParameter<int>("warn", Math.Max(0, rule.WarningDaysBefore)));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit));
        var ids = new List<Guid>(limit);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(new RowReader(reader).Id("id"));
        return ids;
    }
}
