using Crm.Events;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Funnel;

/// <summary>
/// Reads of the funnel's tables (async: they trail the latest writes by the daemon's delay). Everyone: the pipeline-wide day
/// rollups (one row per creation day, stage, outcome and currency), never the opportunities themselves. A scope of owners: the
/// scope's own rows of crm.funnel_opportunities (by the pipeline and owner index), each carrying its flow. One round trip.
/// </summary>
public sealed class FunnelQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The funnel of a pipeline whose stages are configured as <paramref name="stages"/> now.</summary>
    public async Task<FunnelReport> ReportAsync(Guid pipelineId, string pipelineName, IReadOnlyList<PipelineStage> stages, FunnelFilter filter,
        CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        if (filter.Owners is null)
        {
            var kept = "pipeline_id = @pipeline" + (filter.From is null ? "" : " and created_on >= @from")
                       + (filter.Until is null ? "" : " and created_on < @until");
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"""
                select stage_id, outcome, currency, sum(opportunities)::bigint as n, sum(amount) as amount, round(sum(weighted), 2) as weighted
                from crm.funnel_counts where {kept} group by stage_id, outcome, currency
                """));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"""
                select stage_id, sum(entered)::bigint as entered, sum(converted)::bigint as converted, sum(completed)::bigint as completed,
                       round(sum(completed_seconds) / nullif(sum(completed), 0))::bigint as average_seconds
                from crm.funnel_flow where {kept} group by stage_id
                """));
        }
        else
        {
            var kept = "o.pipeline_id = @pipeline and o.owner_id = any(@owners)" + (filter.From is null ? "" : " and o.created_at >= @from_time")
                       + (filter.Until is null ? "" : " and o.created_at < @until_time");
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"""
                select o.stage_id, o.outcome, o.currency, count(*) as n, sum(o.amount) as amount, round(sum(o.amount * o.win_rate / 100), 2) as weighted
                from crm.funnel_opportunities o where {kept} group by o.stage_id, o.outcome, o.currency
                """));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"""
                select f.stage_id, count(*) as entered, sum(f.converted)::bigint as converted, sum(f.completed)::bigint as completed,
                       round(sum(f.seconds) / nullif(sum(f.completed), 0))::bigint as average_seconds
                from crm.funnel_opportunities o
                cross join lateral unnest(o.flow_stage_ids, o.flow_converted, o.flow_completed, o.flow_seconds) as f(stage_id, converted, completed, seconds)
                where {kept} group by f.stage_id
                """));
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select stage_id, stage_name, win_rate from crm.funnel_stage_names where pipeline_id = @pipeline"));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands) Bind(command, pipelineId, filter);

        var current = new List<(Guid StageId, string Outcome, string Currency, long Count, decimal Amount, decimal Weighted)>();
        var flow = new List<(Guid StageId, long Entered, long Converted, long Completed, long? Average)>();
        var names = new Dictionary<Guid, (string Name, decimal Rate)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            var r = new RowReader(reader);
            while (await reader.ReadAsync(ct))
                current.Add((r.Id("stage_id"), r.Text("outcome"), r.Text("currency"), r.Long("n"), r.Value<decimal>("amount"), r.Value<decimal>("weighted")));
            await reader.NextResultAsync(ct);
            r = new RowReader(reader);
            while (await reader.ReadAsync(ct))
            {
                var average = reader.IsDBNull(reader.GetOrdinal("average_seconds")) ? (long?)null : r.Long("average_seconds");
                flow.Add((r.Id("stage_id"), r.Long("entered"), r.Long("converted"), r.Long("completed"), average));
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) names[reader.GetGuid(0)] = (reader.GetString(1), reader.GetDecimal(2));
        }
        (string Name, decimal Rate) Named(Guid stage) => names.GetValueOrDefault(stage, ("", 0m));
        return FunnelAssembly.Build(pipelineId, pipelineName, stages,
            current.Select(c => new CurrentSums(c.StageId, c.Outcome, Named(c.StageId).Name, Named(c.StageId).Rate, c.Currency, c.Count, c.Amount, c.Weighted))
                .ToList(),
            flow.Select(f => new FlowSums(f.StageId, Named(f.StageId).Name, Named(f.StageId).Rate, f.Entered, f.Converted, f.Completed, f.Average)).ToList());
    }

    private static void Bind(NpgsqlBatchCommand cmd, Guid pipelineId, FunnelFilter filter)
    {
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        if (filter.Owners is { } owners) cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners));
        if (filter.From is { } from)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from_time", Midnight(from)));
        }
        if (filter.Until is { } until)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("until", until));
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("until_time", Midnight(until)));
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
