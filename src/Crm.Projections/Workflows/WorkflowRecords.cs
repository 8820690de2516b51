using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Leads;
using Npgsql;

namespace Crm.Projections.Workflows;

/// <summary>
/// The records a workflow watches, through their list read models: whether one matches a rule's condition now (the lists' filter tree,
/// compiled by the lists' own SQL translation, asked as "where id = @id and &lt;filter&gt;"), and which have gone without a follow-up for a
/// rule's days (the sweep).
/// </summary>
public sealed class WorkflowRecords(NpgsqlDataSource dataSource)
{
    /// <summary>The fields a condition may name: the kind's list filter fields (a customer's class facts only when the author sees them).</summary>
    public static IReadOnlyList<FilterField> Fields(string kind, bool factsVisible = true) =>
        kind == "lead" ? LeadFilterFields.All : CustomerFilterFields.For(factsVisible);

    // The list tables under the aliases their filter fields are written for.
    private static string Table(string kind) => kind == "lead" ? "crm.leads l" : "crm.customers c";

    private static string Alias(string kind) => kind == "lead" ? "l" : "c";

    /// <summary>Whether the record exists and matches <paramref name="condition"/> (the stored filter tree; null matches every record).</summary>
    public async Task<bool> MatchesAsync(string kind, Guid id, string? condition, bool factsVisible, CancellationToken ct)
    {
        var filter = Compile(kind, condition, factsVisible);
        await using var cmd = dataSource.CreateCommand(
            $"select exists (select 1 from {Table(kind)} where {Alias(kind)}.id = @id and {filter.Sql})");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        foreach (var p in filter.Parameters) cmd.Parameters.Add(p);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The sweep's claim, in <paramref name="tx"/>: owned records of the rule's kind matching its condition whose last follow-up (or creation)
    /// is older than its days and that have no run for that quiet period yet get a pending run; answers their messages (at most
    /// <paramref name="limit"/>). Claimed and handed to the outbox in one transaction, so each period is run once even by two sweeps.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowTriggered>> ClaimQuietAsync(WorkflowRow workflow, DateTimeOffset now, int limit, NpgsqlTransaction tx,
        CancellationToken ct)
    {
        var (kind, a) = (workflow.Trigger.RecordKind, Alias(workflow.Trigger.RecordKind));
        var filter = Compile(kind, workflow.Condition);
        var candidates = new List<(Guid Id, DateTimeOffset Since)>();
        await using (var find = new NpgsqlCommand(
            $"""
            select {a}.id, coalesce({a}.last_follow_up_at, {a}.created_at) from {Table(kind)}
            where {a}.owner_id is not null and coalesce({a}.last_follow_up_at, {a}.created_at) <= @cutoff and {filter.Sql}
            and not exists (select 1 from crm.workflow_runs r where r.workflow_id = @workflow and r.record_id = {a}.id
                            and r.quiet_since = coalesce({a}.last_follow_up_at, {a}.created_at))
            order by {a}.id limit @limit
            """, tx.Connection, tx))
        {
            find.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", now.AddDays(-(workflow.Trigger.Days ?? 1))));
            find.Parameters.Add(new NpgsqlParameter<Guid>("workflow", workflow.Id));
            find.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            foreach (var p in filter.Parameters) find.Parameters.Add(p);
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) candidates.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        if (candidates.Count == 0) return [];
        var messages = candidates.Select(c =>
        {
            var period = WorkflowTriggered.QuietPeriodId(workflow.Id, c.Id, c.Since);
            return new WorkflowTriggered(WorkflowTriggered.RunIdOf(workflow.Id, period), workflow.Id, period, WorkflowTriggered.NoFollowUpType, kind,
                c.Id, null, "workflow-sweep:" + workflow.Id, now, c.Since);
        }).ToDictionary(m => m.RunId);
        await using var claim = new NpgsqlCommand(
            """
            insert into crm.workflow_runs (id, workflow_id, trigger_event_id, event_type, record_kind, record_id, quiet_since, status, created_at)
            select id, @workflow, event, @type, @kind, record, since, 'pending', @now
            from unnest(@ids, @events, @records, @since) as x(id, event, record, since)
            on conflict do nothing returning id
            """, tx.Connection, tx);
        claim.Parameters.Add(new NpgsqlParameter<Guid>("workflow", workflow.Id));
        claim.Parameters.Add(new NpgsqlParameter<string>("type", WorkflowTriggered.NoFollowUpType));
        claim.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        claim.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. messages.Values.Select(m => m.RunId)]));
        claim.Parameters.Add(new NpgsqlParameter<Guid[]>("events", [.. messages.Values.Select(m => m.EventId)]));
        claim.Parameters.Add(new NpgsqlParameter<Guid[]>("records", [.. messages.Values.Select(m => m.RecordId)]));
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("since", [.. messages.Values.Select(m => m.QuietSince!.Value)]));
        var claimed = new List<WorkflowTriggered>();
        await using var rows = await claim.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) claimed.Add(messages[rows.GetGuid(0)]);
        return claimed;
    }

    private static CompiledFilter Compile(string kind, string? condition, bool factsVisible = true)
    {
        var (node, errors) = FilterTree.Parse(condition, Fields(kind, factsVisible));
        // A stored condition was checked when the rule was saved; one a later release no longer accepts matches nothing rather than everything.
        return errors.Count > 0 ? new CompiledFilter("false", []) : FilterSql.Compile(node, "w");
    }
}
