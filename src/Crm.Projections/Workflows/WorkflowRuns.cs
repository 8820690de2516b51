using System.Text.Json;
using Npgsql;

namespace Crm.Projections.Workflows;

/// <summary>
/// crm.workflow_runs: the log of what each workflow run did. Written by the run handler (claim, each action's outcome as it is done, the
/// end) and by the sweep (pending claims); its unique key (workflow, triggering event) is what makes a run happen once.
/// </summary>
public sealed class WorkflowRuns(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, workflow_id, trigger_event_id, event_type, record_kind, record_id, quiet_since, status, reason, actor_id, chain, actions::text, "
        + "created_at, finished_at";

    /// <summary>
    /// Claims the run of <paramref name="message"/>: a new row (running), or a pending one the sweep made (now running); answers the row as it
    /// is then. A row already ended answers as it ended: the caller does nothing again.
    /// </summary>
    public async Task<WorkflowRunRow> ClaimAsync(WorkflowTriggered message, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var claim = new NpgsqlBatchCommand(
            """
            insert into crm.workflow_runs (id, workflow_id, trigger_event_id, event_type, record_kind, record_id, quiet_since, status, created_at)
            values (@id, @workflow, @event, @type, @kind, @record, @quiet, 'running', @now)
            on conflict (workflow_id, trigger_event_id) do update set status = 'running' where crm.workflow_runs.status = 'pending'
            """);
        claim.Parameters.Add(new NpgsqlParameter<Guid>("id", message.RunId));
        claim.Parameters.Add(new NpgsqlParameter<Guid>("workflow", message.WorkflowId));
        claim.Parameters.Add(new NpgsqlParameter<Guid>("event", message.EventId));
        claim.Parameters.Add(new NpgsqlParameter<string>("type", message.EventType));
        claim.Parameters.Add(new NpgsqlParameter<string>("kind", message.RecordKind));
        claim.Parameters.Add(new NpgsqlParameter<Guid>("record", message.RecordId));
        claim.Parameters.Add(new NpgsqlParameter("quiet", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)message.QuietSince ?? DBNull.Value });
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        var read = new NpgsqlBatchCommand($"select {Columns} from crm.workflow_runs where workflow_id = @workflow and trigger_event_id = @event");
        read.Parameters.Add(new NpgsqlParameter<Guid>("workflow", message.WorkflowId));
        read.Parameters.Add(new NpgsqlParameter<Guid>("event", message.EventId));
        batch.BatchCommands.Add(claim);
        batch.BatchCommands.Add(read);
        // The insert returns no rows: the reader opens on the select's.
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>
    /// Holds the run for this caller while it does its actions: a session advisory lock on a connection of its own, released on dispose (or
    /// with the connection, should the process die). Null when another delivery of the same run holds it now: that one finishes it.
    /// </summary>
    public async Task<IAsyncDisposable?> HoldAsync(Guid runId, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended(@key, 0))", connection))
        {
            take.Parameters.Add(new NpgsqlParameter<string>("key", "crm.workflow-run:" + runId));
            if ((bool)(await take.ExecuteScalarAsync(ct))!) return new Held(connection, runId);
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, Guid runId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended(@key, 0))", connection);
                release.Parameters.Add(new NpgsqlParameter<string>("key", "crm.workflow-run:" + runId));
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async Task<WorkflowRunRow?> GetAsync(Guid runId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from crm.workflow_runs where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", runId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Records the outcomes so far (after each action), so a redelivered run skips what it already did.</summary>
    public async Task ProgressAsync(Guid runId, Guid actorId, IReadOnlyList<Guid> chain, IReadOnlyList<WorkflowActionOutcome> actions, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "update crm.workflow_runs set actor_id = @actor, chain = @chain, actions = @actions::jsonb where id = @id and status = 'running'");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", runId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("actor", actorId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("chain", [.. chain]));
        cmd.Parameters.Add(new NpgsqlParameter<string>("actions", JsonSerializer.Serialize(actions, JsonSerializerOptions.Web)));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends a running run: its status, the reason when it did not succeed, whom it acted as, its chain and its actions' outcomes.</summary>
    public async Task FinishAsync(Guid runId, string status, string? reason, Guid? actorId, IReadOnlyList<Guid> chain,
        IReadOnlyList<WorkflowActionOutcome> actions, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            update crm.workflow_runs set status = @status, reason = @reason, actor_id = @actor, chain = @chain, actions = @actions::jsonb, finished_at = @now
            where id = @id and status = 'running'
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", runId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("status", status));
        cmd.Parameters.Add(new NpgsqlParameter("reason", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("actor", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)actorId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("chain", [.. chain]));
        cmd.Parameters.Add(new NpgsqlParameter<string>("actions", JsonSerializer.Serialize(actions, JsonSerializerOptions.Web)));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A workflow's runs, newest first: <paramref name="limit"/> after the keyset position (created at, id) when given — only those of
    /// records the viewer may open (a rule sees every record of its kind; its runs must not show the viewer a record out of their scope).
    /// </summary>
    public async Task<IReadOnlyList<WorkflowRunRow>> ListAsync(Guid workflowId, int limit, (DateTimeOffset At, Guid Id)? after, OwnerScope customers,
        OwnerScope leads, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {Columns} from crm.workflow_runs r where workflow_id = @workflow
            and (@at::timestamptz is null or (created_at, id) < (@at, @after))
            and (@all_customers or r.record_kind <> 'customer'
                 or exists (select 1 from crm.customers c where c.id = r.record_id and c.owner_id = any(@customer_owners)))
            and (@all_leads or r.record_kind <> 'lead'
                 or exists (select 1 from crm.leads l where l.id = r.record_id and l.owner_id = any(@lead_owners)))
            order by created_at desc, id desc limit @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<bool>("all_customers", customers.All));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("customer_owners", [.. customers.OwnerIds]));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("all_leads", leads.All));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("lead_owners", [.. leads.OwnerIds]));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("workflow", workflowId));
        cmd.Parameters.Add(new NpgsqlParameter("at", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)after?.At ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("after", after?.Id ?? Guid.Empty));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<WorkflowRunRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        return rows;
    }

    private static WorkflowRunRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetGuid(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetGuid(9), r.GetFieldValue<Guid[]>(10),
        JsonSerializer.Deserialize<List<WorkflowActionOutcome>>(r.GetString(11), JsonSerializerOptions.Web) ?? [],
        r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13));
}
