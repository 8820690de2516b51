using System.Globalization;
using Crm.Events;
using Crm.EventStore.Projections;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Funnel;

/// <summary>The funnel projection's SQL: its rows in and out, within the daemon's transaction.</summary>
internal sealed class FunnelTables(ProjectionContext context)
{
    public ProjectionContext Context => context;

    private const string EntryColumns =
        "id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, created_at, updated_at, visit, stage_entered_at, " +
        "flow_stage_ids, flow_converted, flow_completed, flow_seconds";

    public async Task<Dictionary<Guid, Dictionary<Guid, int>>> PositionsAsync(CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("select pipeline_id, stage_id, position from crm.funnel_pipeline_stages");
        var positions = new Dictionary<Guid, Dictionary<Guid, int>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var pipeline = reader.GetGuid(0);
            if (!positions.TryGetValue(pipeline, out var stages)) positions[pipeline] = stages = [];
            stages[reader.GetGuid(1)] = reader.GetInt32(2);
        }
        return positions;
    }

    /// <summary>The rows of these opportunities that exist.</summary>
    public async Task<IReadOnlyDictionary<Guid, FunnelEntry>> LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {EntryColumns} from crm.funnel_opportunities where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        return (await ReadAsync(cmd, ct)).ToDictionary(entry => entry.Id);
    }

    public async Task<List<FunnelEntry>> LoadPipelineAsync(Guid pipelineId, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {EntryColumns} from crm.funnel_opportunities where pipeline_id = @pipeline");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The stays of these opportunities, each opportunity's in visit order.</summary>
    public async Task<Dictionary<Guid, List<FunnelStay>>> StaysAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            """
            select opportunity_id, visit, pipeline_id, stage_id, stage_name, win_rate, outcome, entered_at
            from crm.funnel_stays where opportunity_id = any(@ids) order by opportunity_id, visit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids.ToArray()));
        return await ReadStaysAsync(cmd, ct);
    }

    /// <summary>The stays of the opportunities following the pipeline now, each opportunity's in visit order.</summary>
    public async Task<Dictionary<Guid, List<FunnelStay>>> PipelineStaysAsync(Guid pipelineId, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            """
            select s.opportunity_id, s.visit, s.pipeline_id, s.stage_id, s.stage_name, s.win_rate, s.outcome, s.entered_at
            from crm.funnel_stays s join crm.funnel_opportunities o on o.id = s.opportunity_id
            where o.pipeline_id = @pipeline order by s.opportunity_id, s.visit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        return await ReadStaysAsync(cmd, ct);
    }

    private static async Task<Dictionary<Guid, List<FunnelStay>>> ReadStaysAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var stays = new Dictionary<Guid, List<FunnelStay>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            var id = r.Id("opportunity_id");
            if (!stays.TryGetValue(id, out var list)) stays[id] = list = [];
            list.Add(new FunnelStay(id, r.Int("visit"), r.Id("pipeline_id"), r.Id("stage_id"), r.Text("stage_name"), r.Value<decimal>("win_rate"),
                r.Text("outcome"), r.Time("entered_at")));
        }
        return stays;
    }

    private static async Task<List<FunnelEntry>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var entries = new List<FunnelEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            var stage = new StageSnapshot(r.Id("pipeline_id"), r.Id("stage_id"), r.Text("stage_name"), r.Value<decimal>("win_rate"), r.Text("outcome"));
            var stages = reader.GetFieldValue<Guid[]>(reader.GetOrdinal("flow_stage_ids"));
            var converted = reader.GetFieldValue<int[]>(reader.GetOrdinal("flow_converted"));
            var completed = reader.GetFieldValue<int[]>(reader.GetOrdinal("flow_completed"));
            var seconds = reader.GetFieldValue<decimal[]>(reader.GetOrdinal("flow_seconds"));
            var flow = new Dictionary<Guid, FlowTally>(stages.Length);
            for (var i = 0; i < stages.Length; i++) flow[stages[i]] = new FlowTally(1, converted[i], completed[i], seconds[i]);
            entries.Add(new FunnelEntry(r.Id("id"), stage, new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Id("owner_id"),
                r.Time("created_at"), r.Time("updated_at"), r.Int("visit"), r.Time("stage_entered_at"), flow));
        }
        return entries;
    }

    /// <summary>
    /// One round trip: rows gone, rows new and changed (<paramref name="loaded"/>: the ids whose rows exist), stage names, and the
    /// rollups' deltas (then their emptied rows).
    /// </summary>
    public async Task WriteAsync(Guid[] gone, List<FunnelEntry> live, IReadOnlySet<Guid> loaded, List<FunnelStay> stays, List<FunnelStay> entered,
        FunnelRollup rollup, CancellationToken ct)
    {
        await using var batch = context.CreateBatch();
        if (gone.Length > 0)
        {
            var delete = new NpgsqlBatchCommand(
                """
                with gone as (delete from crm.funnel_opportunities where id = any(@ids))
                delete from crm.funnel_stays where opportunity_id = any(@ids)
                """);
            delete.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", gone));
            batch.BatchCommands.Add(delete);
        }
        foreach (var group in live.GroupBy(l => loaded.Contains(l.Id))) batch.BatchCommands.Add(WriteEntries(group.ToList(), group.Key));
        if (stays.Count > 0) batch.BatchCommands.Add(InsertStays(stays));
        if (entered.Count > 0) batch.BatchCommands.Add(UpsertNames(entered));
        AddRollups(batch, rollup, counts: true);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task ReplacePositionsAsync(Guid pipelineId, Dictionary<Guid, int> order, CancellationToken ct)
    {
        await using var batch = context.CreateBatch();
        var delete = new NpgsqlBatchCommand("delete from crm.funnel_pipeline_stages where pipeline_id = @pipeline");
        delete.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        batch.BatchCommands.Add(delete);
        var insert = new NpgsqlBatchCommand(
            "insert into crm.funnel_pipeline_stages (pipeline_id, stage_id, position) select @pipeline, * from unnest(@stages::uuid[], @positions::int[])");
        insert.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("stages", order.Keys.ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<int[]>("positions", order.Values.ToArray()));
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The flow of the pipeline's opportunities (their rows' flow_* arrays) and its flow rollup rows, replaced.</summary>
    public async Task ReplaceFlowsAsync(Guid pipelineId, List<FunnelEntry> flows, FunnelRollup rollup, CancellationToken ct)
    {
        await using var batch = context.CreateBatch();
        var delete = new NpgsqlBatchCommand("delete from crm.funnel_flow where pipeline_id = @pipeline");
        delete.Parameters.Add(new NpgsqlParameter<Guid>("pipeline", pipelineId));
        batch.BatchCommands.Add(delete);
        if (flows.Count > 0)
        {
            var update = new NpgsqlBatchCommand(
                """
                update crm.funnel_opportunities o set flow_stage_ids = u.s::uuid[], flow_converted = u.c::int[], flow_completed = u.d::int[],
                    flow_seconds = u.e::numeric[]
                from unnest(@id::uuid[], @stages::text[], @converted::text[], @completed::text[], @seconds::text[]) as u(id, s, c, d, e)
                where o.id = u.id
                """);
            Add(update, "id", flows.Select(f => f.Id));
            AddFlowArrays(update, flows);
            batch.BatchCommands.Add(update);
        }
        AddRollups(batch, rollup, counts: false);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task TruncateAsync(CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            """
            truncate crm.funnel_opportunities, crm.funnel_stays, crm.funnel_pipeline_stages, crm.funnel_stage_names, crm.funnel_counts, crm.funnel_flow
            """);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private const string EntriesFrom =
        """
        from unnest(@id::uuid[], @pipeline::uuid[], @stage::uuid[], @name::text[], @rate::numeric[], @outcome::text[], @amount::numeric[],
            @currency::text[], @owner::uuid[], @visit::int[], @entered::timestamptz[], @created::timestamptz[], @updated::timestamptz[],
            @stages::text[], @converted::text[], @completed::text[], @seconds::text[])
          as u(id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, visit, entered, created, updated,
            fs, fc, fd, fe)
        """;

    /// <summary>
    /// New rows by a plain INSERT, rows the batch loaded by an UPDATE … FROM: the projection knows which is which, so no row pays
    /// for a speculative insertion (ON CONFLICT) it does not need.
    /// </summary>
    private static NpgsqlBatchCommand WriteEntries(List<FunnelEntry> rows, bool loaded)
    {
        var cmd = new NpgsqlBatchCommand(loaded
            ? $"""
               update crm.funnel_opportunities o set pipeline_id = u.pipeline_id, stage_id = u.stage_id, stage_name = u.stage_name,
                   win_rate = u.win_rate, outcome = u.outcome, amount = u.amount, currency = u.currency, owner_id = u.owner_id, visit = u.visit,
                   stage_entered_at = u.entered, updated_at = u.updated, flow_stage_ids = u.fs::uuid[],
                   flow_converted = u.fc::int[], flow_completed = u.fd::int[], flow_seconds = u.fe::numeric[]
               {EntriesFrom}
               where o.id = u.id
               """
            : $"""
               insert into crm.funnel_opportunities (id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, visit,
                   stage_entered_at, created_at, updated_at, flow_stage_ids, flow_converted, flow_completed, flow_seconds)
               select id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, visit, entered, created, updated,
                   fs::uuid[], fc::int[], fd::int[], fe::numeric[]
               {EntriesFrom}
               """);
        Add(cmd, "id", rows.Select(r => r.Id));
        Add(cmd, "pipeline", rows.Select(r => r.Stage.PipelineId));
        Add(cmd, "stage", rows.Select(r => r.Stage.StageId));
        Add(cmd, "name", rows.Select(r => r.Stage.Name));
        Add(cmd, "rate", rows.Select(r => r.Stage.WinRate));
        Add(cmd, "outcome", rows.Select(r => r.Stage.Outcome));
        Add(cmd, "amount", rows.Select(r => r.Amount.Amount));
        Add(cmd, "currency", rows.Select(r => r.Amount.Currency));
        Add(cmd, "owner", rows.Select(r => r.OwnerId));
        Add(cmd, "visit", rows.Select(r => r.Visits));
        Add(cmd, "entered", rows.Select(r => r.StageEnteredAt));
        Add(cmd, "created", rows.Select(r => r.CreatedAt));
        // timestamptz takes UTC offsets only; events keep the offset they were written with.
        Add(cmd, "updated", rows.Select(r => r.UpdatedAt.ToUniversalTime()));
        AddFlowArrays(cmd, rows);
        return cmd;
    }

    private static NpgsqlBatchCommand InsertStays(List<FunnelStay> stays)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.funnel_stays (opportunity_id, visit, pipeline_id, stage_id, stage_name, win_rate, outcome, entered_at)
            select * from unnest(@id::uuid[], @visit::int[], @pipeline::uuid[], @stage::uuid[], @name::text[], @rate::numeric[], @outcome::text[],
                @entered::timestamptz[])
            """);
        Add(cmd, "id", stays.Select(s => s.OpportunityId));
        Add(cmd, "visit", stays.Select(s => s.Visit));
        Add(cmd, "pipeline", stays.Select(s => s.PipelineId));
        Add(cmd, "stage", stays.Select(s => s.StageId));
        Add(cmd, "name", stays.Select(s => s.Name));
        Add(cmd, "rate", stays.Select(s => s.WinRate));
        Add(cmd, "outcome", stays.Select(s => s.Outcome));
        Add(cmd, "entered", stays.Select(s => s.EnteredAt));
        return cmd;
    }

    /// <summary>
    /// Each opportunity's flow as four array literals (PostgreSQL cannot take an array of arrays of different lengths as one
    /// parameter): the stages it entered and, per stage, converted (0/1), completed stays and their seconds.
    /// </summary>
    private static void AddFlowArrays(NpgsqlBatchCommand cmd, List<FunnelEntry> rows)
    {
        static string Literal<T>(IEnumerable<T> values) => "{" + string.Join(",", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + "}";
        Add(cmd, "stages", rows.Select(r => Literal(r.Flow.Keys)));
        Add(cmd, "converted", rows.Select(r => Literal(r.Flow.Values.Select(f => f.Converted))));
        Add(cmd, "completed", rows.Select(r => Literal(r.Flow.Values.Select(f => f.Completed))));
        Add(cmd, "seconds", rows.Select(r => Literal(r.Flow.Values.Select(f => f.CompletedSeconds))));
    }

    private static NpgsqlBatchCommand UpsertNames(List<FunnelStay> stays)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.funnel_stage_names as t (pipeline_id, stage_id, stage_name, win_rate, entered_at, opportunity_id)
            select * from unnest(@pipeline::uuid[], @stage::uuid[], @name::text[], @rate::numeric[], @entered::timestamptz[], @opportunity::uuid[])
            on conflict (pipeline_id, stage_id) do update set stage_name = excluded.stage_name, win_rate = excluded.win_rate,
                entered_at = excluded.entered_at, opportunity_id = excluded.opportunity_id
            where (excluded.entered_at, excluded.opportunity_id) > (t.entered_at, t.opportunity_id)
            """);
        Add(cmd, "pipeline", stays.Select(s => s.PipelineId));
        Add(cmd, "stage", stays.Select(s => s.StageId));
        Add(cmd, "name", stays.Select(s => s.Name));
        Add(cmd, "rate", stays.Select(s => s.WinRate));
        Add(cmd, "entered", stays.Select(s => s.EnteredAt));
        Add(cmd, "opportunity", stays.Select(s => s.OpportunityId));
        return cmd;
    }

    private static void AddRollups(NpgsqlBatch batch, FunnelRollup rollup, bool counts)
    {
        var changed = rollup.Counts.Where(kv => !kv.Value.IsZero).ToList();
        if (counts && changed.Count > 0)
        {
            batch.BatchCommands.Add(AddCounts(changed));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from crm.funnel_counts where opportunities = 0"));
        }
        var flows = rollup.Flows.Where(kv => !kv.Value.IsZero).ToList();
        if (flows.Count > 0)
        {
            batch.BatchCommands.Add(AddFlows(flows));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from crm.funnel_flow where entered = 0"));
        }
    }

    private static NpgsqlBatchCommand AddCounts(List<KeyValuePair<CountKey, CountTally>> rows)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.funnel_counts as t (pipeline_id, created_on, stage_id, outcome, currency, opportunities, amount, weighted)
            select * from unnest(@pipeline::uuid[], @day::date[], @stage::uuid[], @outcome::text[], @currency::text[], @n::bigint[], @amount::numeric[],
                @weighted::numeric[])
            on conflict (pipeline_id, created_on, stage_id, outcome, currency) do update set
                opportunities = t.opportunities + excluded.opportunities, amount = t.amount + excluded.amount, weighted = t.weighted + excluded.weighted
            """);
        Add(cmd, "pipeline", rows.Select(r => r.Key.PipelineId));
        Add(cmd, "day", rows.Select(r => r.Key.CreatedOn));
        Add(cmd, "stage", rows.Select(r => r.Key.StageId));
        Add(cmd, "outcome", rows.Select(r => r.Key.Outcome));
        Add(cmd, "currency", rows.Select(r => r.Key.Currency));
        Add(cmd, "n", rows.Select(r => r.Value.Opportunities));
        Add(cmd, "amount", rows.Select(r => r.Value.Amount));
        Add(cmd, "weighted", rows.Select(r => r.Value.Weighted));
        return cmd;
    }

    private static NpgsqlBatchCommand AddFlows(List<KeyValuePair<FlowKey, FlowTally>> rows)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.funnel_flow as t (pipeline_id, created_on, stage_id, entered, converted, completed, completed_seconds)
            select * from unnest(@pipeline::uuid[], @day::date[], @stage::uuid[], @entered::bigint[], @converted::bigint[], @completed::bigint[],
                @seconds::numeric[])
            on conflict (pipeline_id, created_on, stage_id) do update set
                entered = t.entered + excluded.entered, converted = t.converted + excluded.converted, completed = t.completed + excluded.completed,
                completed_seconds = t.completed_seconds + excluded.completed_seconds
            """);
        Add(cmd, "pipeline", rows.Select(r => r.Key.PipelineId));
        Add(cmd, "day", rows.Select(r => r.Key.CreatedOn));
        Add(cmd, "stage", rows.Select(r => r.Key.StageId));
        Add(cmd, "entered", rows.Select(r => r.Value.Entered));
        Add(cmd, "converted", rows.Select(r => r.Value.Converted));
        Add(cmd, "completed", rows.Select(r => r.Value.Completed));
        Add(cmd, "seconds", rows.Select(r => r.Value.CompletedSeconds));
        return cmd;
    }

    private static void Add<T>(NpgsqlBatchCommand cmd, string name, IEnumerable<T> values) =>
        cmd.Parameters.Add(new NpgsqlParameter<T[]>(name, values.ToArray()));
}
