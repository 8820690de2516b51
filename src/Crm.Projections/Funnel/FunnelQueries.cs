using Crm.Events;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Funnel;

/// <summary>Reads of the funnel tables (async: they trail the latest writes by the daemon's delay).</summary>
public sealed class FunnelQueries(NpgsqlDataSource dataSource)
{
    // The opportunities a funnel counts: one pipeline, owners in scope, created in the period. Only the conditions the filter has
    // are written: "@owners is null or owner_id = any(@owners)" kept the planner off the owner index (it must plan for both), so a
    // scope of 50 owners scanned every opportunity and every stay of the pipeline (ops/bench figure 8).
    private static string Kept(FunnelFilter filter) =>
        "o.pipeline_id = @pipeline"
        + (filter.Owners is null ? "" : " and o.owner_id = any(@owners)")
        + (filter.From is null ? "" : " and o.created_at >= @from")
        + (filter.Until is null ? "" : " and o.created_at < @until");

    /// <summary>The funnel of a pipeline whose stages are configured as <paramref name="stages"/> now.</summary>
    public async Task<FunnelReport> ReportAsync(Guid pipelineId, string pipelineName, IReadOnlyList<PipelineStage> stages, FunnelFilter filter,
        CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var current = await CurrentAsync(connection, pipelineId, filter, ct);
        var flow = await FlowAsync(connection, pipelineId, stages, filter, ct);
        return FunnelAssembly.Build(pipelineId, pipelineName, stages, current, flow);
    }

    private static async Task<List<CurrentSums>> CurrentAsync(NpgsqlConnection connection, Guid pipelineId, FunnelFilter filter, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            select o.stage_id, o.outcome, o.currency, count(*) as n, sum(o.amount) as amount,
                   round(sum(o.amount * o.win_rate / 100), 2) as weighted,
                   (array_agg(o.stage_name order by o.stage_entered_at desc, o.id))[1] as stage_name,
                   (array_agg(o.win_rate order by o.stage_entered_at desc, o.id))[1] as win_rate
            from crm.funnel_opportunities o
            where {Kept(filter)}
            group by o.stage_id, o.outcome, o.currency
            """, connection);
        Bind(cmd, pipelineId, filter);
        var rows = new List<CurrentSums>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CurrentSums(r.Id("stage_id"), r.Text("outcome"), r.Text("stage_name"), r.Value<decimal>("win_rate"), r.Text("currency"),
                r.Long("n"), r.Value<decimal>("amount"), r.Value<decimal>("weighted")));
        }
        return rows;
    }

    /// <summary>
    /// Per open stage, from the stays: a stay converted when a later stay of the same opportunity is at a stage placed after it
    /// (positions as configured now) or is a win. Window frames over the later stays keep it one pass over the visits.
    /// </summary>
    private static async Task<List<FlowSums>> FlowAsync(
        NpgsqlConnection connection, Guid pipelineId, IReadOnlyList<PipelineStage> stages, FunnelFilter filter, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            with pos as (select * from unnest(@stage_ids::uuid[], @positions::int[]) as p(stage_id, position)),
            stays as (
                select v.opportunity_id, v.visit, v.stage_id, v.stage_name, v.win_rate, v.outcome, v.entered_at, v.left_at, pos.position,
                       max(pos.position) over later as later_position,
                       bool_or(v.outcome = 'won') over later as later_won
                from crm.funnel_stage_visits v
                join crm.funnel_opportunities o on o.id = v.opportunity_id
                left join pos on pos.stage_id = v.stage_id
                where v.pipeline_id = @pipeline and {Kept(filter)}
                window later as (partition by v.opportunity_id order by v.visit desc rows between unbounded preceding and 1 preceding))
            select stage_id,
                   (array_agg(stage_name order by entered_at desc, opportunity_id))[1] as stage_name,
                   (array_agg(win_rate order by entered_at desc, opportunity_id))[1] as win_rate,
                   count(distinct opportunity_id) as entered,
                   count(distinct opportunity_id) filter (where coalesce(later_won, false) or later_position > position) as converted,
                   count(*) filter (where left_at is not null) as completed,
                   round(avg(extract(epoch from left_at - entered_at)) filter (where left_at is not null))::bigint as average_seconds
            from stays where outcome = 'open'
            group by stage_id
            """, connection);
        Bind(cmd, pipelineId, filter);
        var open = stages.Where(s => s.Outcome == StageOutcome.Open).ToList();
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("stage_ids", open.Select(s => s.StageId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("positions", Enumerable.Range(0, open.Count).ToArray()));
        var rows = new List<FlowSums>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            var average = reader.IsDBNull(reader.GetOrdinal("average_seconds")) ? (long?)null : r.Long("average_seconds");
            rows.Add(new FlowSums(r.Id("stage_id"), r.Text("stage_name"), r.Value<decimal>("win_rate"), r.Long("entered"), r.Long("converted"),
                r.Long("completed"), average));
        }
        return rows;
    }

    private static void Bind(NpgsqlCommand cmd, Guid pipelineId, FunnelFilter filter)
    {
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        if (filter.Owners is { } owners) cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners));
        if (filter.From is { } from) cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        if (filter.Until is { } until) cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("until", until.ToUniversalTime()));
    }
}
