using Crm.Events;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Workflows;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.EventStore.Subscriptions;
using Npgsql;

namespace Crm.Projections.Workflows;

/// <summary>
/// The workflows' triggers (SET-3), as a subscription (docs/event-store.md, "Subscriptions"): each customer or lead event is matched against
/// the enabled workflows of its kind and trigger, and each match becomes a <see cref="WorkflowTriggered"/> message, handed to the outbox in
/// the daemon's transaction under the run's id. The rules come from the subscription's own state (crm.workflow_triggers, fed by the
/// workflow events in feed order), so an event is matched against the rules that existed when it happened — never a rule created after it.
/// A replay sends every match again under new message ids; the runs table's unique key (workflow, event) makes each run happen once.
/// </summary>
public sealed class WorkflowTriggerSubscription(ISubscriptionOutbox outbox) : Subscription(outbox)
{
    public const string SubscriptionName = "crm.workflow-triggers";

    public override string Name => SubscriptionName;

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(WorkflowCreated), typeof(WorkflowEdited), typeof(WorkflowDeleted),
        typeof(CustomerCreated), typeof(CustomerEdited), typeof(CustomerTransferred), typeof(CustomerFollowedUp),
        typeof(LeadCreated), typeof(LeadEdited), typeof(LeadTransferred), typeof(LeadFollowedUp),
    ];

    private sealed record Trigger(string RecordKind, string On, bool Enabled);

    /// <summary>What a record event is to the workflows: its kind, record and trigger name; null for any other event.</summary>
    public static (string Kind, Guid Record, string On)? Of(object data) => data switch
    {
        CustomerCreated x => ("customer", x.CustomerId, "created"),
        CustomerEdited x => ("customer", x.CustomerId, "edited"),
        CustomerTransferred x => ("customer", x.CustomerId, "transferred"),
        CustomerFollowedUp x => ("customer", x.CustomerId, "followed_up"),
        LeadCreated x => ("lead", x.LeadId, "created"),
        LeadEdited x => ("lead", x.LeadId, "edited"),
        LeadTransferred x => ("lead", x.LeadId, "transferred"),
        LeadFollowedUp x => ("lead", x.LeadId, "followed_up"),
        _ => null,
    };

    protected override async Task HandleAsync(IReadOnlyList<StoredEvent> events, SubscriptionBatch batch, CancellationToken ct)
    {
        var triggers = await LoadAsync(batch.Context, ct);
        var changed = new HashSet<Guid>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case WorkflowCreated x:
                    triggers[x.WorkflowId] = new Trigger(x.Trigger.RecordKind, x.Trigger.On, x.Enabled);
                    changed.Add(x.WorkflowId);
                    break;
                case WorkflowEdited x:
                    triggers[x.WorkflowId] = new Trigger(x.Trigger.RecordKind, x.Trigger.On, x.Enabled);
                    changed.Add(x.WorkflowId);
                    break;
                case WorkflowDeleted x:
                    triggers.Remove(x.WorkflowId);
                    changed.Add(x.WorkflowId);
                    break;
                default:
                    if (Of(e.Data) is not { } what) break;
                    foreach (var (workflow, _) in triggers.Where(t => t.Value.Enabled && t.Value.RecordKind == what.Kind && t.Value.On == what.On))
                    {
                        var run = WorkflowTriggered.RunIdOf(workflow, e.EventId);
                        await batch.SendAsync(run, new WorkflowTriggered(run, workflow, e.EventId, e.EventType, what.Kind, what.Record,
                            e.Metadata.RequestId, e.Metadata.CorrelationId, e.Timestamp), ct: ct);
                    }
                    break;
            }
        }
        if (changed.Count > 0) await SaveAsync(batch.Context, triggers, changed, ct);
    }

    private static async Task<Dictionary<Guid, Trigger>> LoadAsync(ProjectionContext context, CancellationToken ct)
    {
        var triggers = new Dictionary<Guid, Trigger>();
        await using var cmd = context.CreateCommand("select workflow_id, record_kind, trigger_on, enabled from crm.workflow_triggers");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) triggers[reader.GetGuid(0)] = new Trigger(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
        return triggers;
    }

    private static async Task SaveAsync(ProjectionContext context, Dictionary<Guid, Trigger> triggers, HashSet<Guid> changed, CancellationToken ct)
    {
        var kept = changed.Where(triggers.ContainsKey).ToArray();
        await using var cmd = context.CreateCommand(
            """
            delete from crm.workflow_triggers where workflow_id = any(@gone);
            insert into crm.workflow_triggers (workflow_id, record_kind, trigger_on, enabled) select * from unnest(@ids, @kinds, @ons, @enabled)
            on conflict (workflow_id) do update set record_kind = excluded.record_kind, trigger_on = excluded.trigger_on, enabled = excluded.enabled
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("gone", [.. changed.Where(c => !triggers.ContainsKey(c))]));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", kept));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("kinds", [.. kept.Select(k => triggers[k].RecordKind)]));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("ons", [.. kept.Select(k => triggers[k].On)]));
        cmd.Parameters.Add(new NpgsqlParameter<bool[]>("enabled", [.. kept.Select(k => triggers[k].Enabled)]));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A replay rebuilds the triggers from the feed; the runs stay (they are what makes a replayed match do nothing twice).</summary>
    protected override async Task ResetStateAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.workflow_triggers");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
