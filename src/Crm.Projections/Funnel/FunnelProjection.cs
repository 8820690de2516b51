using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Funnel;

/// <summary>
/// crm.funnel_opportunities and crm.funnel_stage_visits, async (run by the daemon), from the opportunity events alone.
/// A batch loads the rows of the opportunities it touches, folds every event in memory (<see cref="FunnelEntry.Evolve"/>)
/// and writes each touched row once: the daemon moves its checkpoint in the same transaction, so nothing is applied twice.
/// </summary>
public sealed class FunnelProjection : IProjection
{
    public string Name => "crm.funnel";

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(OpportunityCreated), typeof(OpportunityStageAdvanced), typeof(OpportunityWon), typeof(OpportunityLost), typeof(OpportunityReopened),
        typeof(OpportunityTransferred), typeof(OpportunityAmountSet), typeof(OpportunityLinesChanged), typeof(OpportunityDeleted),
    ];

    private static Guid OpportunityOf(object e) => e switch
    {
        OpportunityCreated x => x.OpportunityId,
        OpportunityStageAdvanced x => x.OpportunityId,
        OpportunityWon x => x.OpportunityId,
        OpportunityLost x => x.OpportunityId,
        OpportunityReopened x => x.OpportunityId,
        OpportunityTransferred x => x.OpportunityId,
        OpportunityAmountSet x => x.OpportunityId,
        OpportunityLinesChanged x => x.OpportunityId,
        OpportunityDeleted x => x.OpportunityId,
        _ => Guid.Empty,
    };

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var ids = events.Select(e => OpportunityOf(e.Data)).Where(id => id != Guid.Empty).ToHashSet();
        if (ids.Count == 0) return;
        var entries = await LoadAsync(ids, context, ct);
        var visits = new Dictionary<(Guid, int), StageVisit>();
        foreach (var e in events)
        {
            var id = OpportunityOf(e.Data);
            if (id == Guid.Empty) continue;
            var (next, stays) = FunnelEntry.Evolve(entries.GetValueOrDefault(id), e.Data, e.Timestamp);
            entries[id] = next;
            foreach (var stay in stays) visits[(stay.OpportunityId, stay.Visit)] = stay;
        }
        var batch = context.CreateBatch();
        await using (batch)
        {
            var gone = entries.Where(kv => kv.Value is null).Select(kv => kv.Key).ToArray();
            if (gone.Length > 0) batch.BatchCommands.Add(Delete(gone));
            var live = entries.Values.OfType<FunnelEntry>().ToList();
            if (live.Count > 0) batch.BatchCommands.Add(UpsertEntries(live));
            var stays = visits.Values.Where(v => entries[v.OpportunityId] is not null).ToList();
            if (stays.Count > 0) batch.BatchCommands.Add(UpsertVisits(stays));
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.funnel_opportunities, crm.funnel_stage_visits");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<Guid, FunnelEntry?>> LoadAsync(HashSet<Guid> ids, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            """
            select id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, visit, stage_entered_at, created_at, updated_at
            from crm.funnel_opportunities where id = any(@ids)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids.ToArray()));
        var entries = new Dictionary<Guid, FunnelEntry?>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            var stage = new StageSnapshot(r.Id("pipeline_id"), r.Id("stage_id"), r.Text("stage_name"), r.Value<decimal>("win_rate"), r.Text("outcome"));
            entries[r.Id("id")] = new FunnelEntry(r.Id("id"), stage, new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Id("owner_id"),
                r.Int("visit"), r.Time("stage_entered_at"), r.Time("created_at"), r.Time("updated_at"));
        }
        return entries;
    }

    private static NpgsqlBatchCommand Delete(Guid[] ids)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            with gone as (delete from crm.funnel_opportunities where id = any(@ids))
            delete from crm.funnel_stage_visits where opportunity_id = any(@ids)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
        return cmd;
    }

    private static NpgsqlBatchCommand UpsertEntries(List<FunnelEntry> rows)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.funnel_opportunities
                (id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, visit, stage_entered_at, created_at, updated_at)
            select * from unnest(@id::uuid[], @pipeline::uuid[], @stage::uuid[], @name::text[], @rate::numeric[], @outcome::text[],
                @amount::numeric[], @currency::text[], @owner::uuid[], @visit::int[], @entered::timestamptz[], @created::timestamptz[],
                @updated::timestamptz[])
            on conflict (id) do update set
                pipeline_id = excluded.pipeline_id, stage_id = excluded.stage_id, stage_name = excluded.stage_name, win_rate = excluded.win_rate,
                outcome = excluded.outcome, amount = excluded.amount, currency = excluded.currency, owner_id = excluded.owner_id,
                visit = excluded.visit, stage_entered_at = excluded.stage_entered_at, updated_at = excluded.updated_at
            """);
        Add(cmd, "id", rows.Select(r => r.Id));
        AddStage(cmd, rows.Select(r => r.Stage).ToList());
        Add(cmd, "amount", rows.Select(r => r.Amount.Amount));
        Add(cmd, "currency", rows.Select(r => r.Amount.Currency));
        Add(cmd, "owner", rows.Select(r => r.OwnerId));
        Add(cmd, "visit", rows.Select(r => r.Visit));
        Add(cmd, "entered", rows.Select(r => r.StageEnteredAt.ToUniversalTime()));
        Add(cmd, "created", rows.Select(r => r.CreatedAt.ToUniversalTime()));
        Add(cmd, "updated", rows.Select(r => r.UpdatedAt.ToUniversalTime()));
        return cmd;
    }

    private static NpgsqlBatchCommand UpsertVisits(List<StageVisit> rows)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.funnel_stage_visits (opportunity_id, visit, pipeline_id, stage_id, stage_name, win_rate, outcome, entered_at, left_at)
            select * from unnest(@id::uuid[], @visit::int[], @pipeline::uuid[], @stage::uuid[], @name::text[], @rate::numeric[], @outcome::text[],
                @entered::timestamptz[], @left::timestamptz[])
            on conflict (opportunity_id, visit) do update set left_at = excluded.left_at
            """);
        Add(cmd, "id", rows.Select(r => r.OpportunityId));
        Add(cmd, "visit", rows.Select(r => r.Visit));
        AddStage(cmd, rows.Select(r => r.Stage).ToList());
        Add(cmd, "entered", rows.Select(r => r.EnteredAt.ToUniversalTime()));
        Add(cmd, "left", rows.Select(r => r.LeftAt?.ToUniversalTime()));
        return cmd;
    }

    private static void AddStage(NpgsqlBatchCommand cmd, List<StageSnapshot> stages)
    {
        Add(cmd, "pipeline", stages.Select(s => s.PipelineId));
        Add(cmd, "stage", stages.Select(s => s.StageId));
        Add(cmd, "name", stages.Select(s => s.Name));
        Add(cmd, "rate", stages.Select(s => s.WinRate));
        Add(cmd, "outcome", stages.Select(s => s.Outcome));
    }

    // timestamptz takes UTC offsets only; events keep the offset they were written with.
    private static void Add<T>(NpgsqlBatchCommand cmd, string name, IEnumerable<T> values) =>
        cmd.Parameters.Add(new NpgsqlParameter<T[]>(name, values.ToArray()));
}
