using Crm.Host.Access;
using Crm.Host.Notifications;
using Crm.Projections.Notifications;
using Crm.Projections.Org;
using Crm.Projections.Workflows;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Classification;
using Crm.Write.Customers;
using Crm.Write.Leads;

namespace Crm.Host.Workflows;

/// <summary>
/// Runs one workflow run (docs/workflows.md): claims it in crm.workflow_runs (once per workflow and triggering event, whatever host and
/// however often the message comes), stops a loop, checks the author (enabled, still holding workflow.edit), the record (inside the author's
/// data scope) and the condition, then does the actions in order through the Write handlers, as the author — each action's outcome recorded
/// as it is done, so a redelivery after a crash goes on where it stopped (the Write side's idempotency keys cover an action whose outcome
/// was not yet recorded).
/// </summary>
public sealed class WorkflowRunner(
    WorkflowRuns runs, WorkflowQueries workflows, WorkflowRecords records, AccessControl access, UserQueries users, CustomerReach customers,
    LeadReach leads, WorkflowActions actions, TimeProvider clock)
{
    /// <summary>How many workflows one chain of runs may pass through: a chain longer than this is stopped, whatever the workflows.</summary>
    public const int MaxDepth = 5;

    /// <summary>Runs <paramref name="message"/>; answers the notifications its notify actions send (handed on as messages).</summary>
    public async Task<IReadOnlyList<NotificationDue>> RunAsync(WorkflowTriggered message, WebhookClient? webhooks, CancellationToken ct)
    {
        var claimed = await runs.ClaimAsync(message, clock.GetUtcNow(), ct);
        if (claimed.Status != WorkflowRunStatus.Running) return [];
        // Two deliveries of one run at once (a replay's message on another host): one does it, the other leaves it to that one.
        await using var held = await runs.HoldAsync(claimed.Id, ct);
        if (held is null || await runs.GetAsync(claimed.Id, ct) is not { Status: WorkflowRunStatus.Running } run) return [];
        var chain = await ChainAsync(message, ct);
        if (await workflows.GetAsync(message.WorkflowId, ct) is not { } workflow) return await EndAsync(run, "workflow_deleted", null, chain, ct);
        if (!workflow.Enabled) return await EndAsync(run, "workflow_disabled", workflow.AuthorId, chain, ct);
        // The rule was changed to watch another kind after the event: its actions and fields are another kind's now.
        if (workflow.Trigger.RecordKind != message.RecordKind) return await EndAsync(run, "trigger_changed", workflow.AuthorId, chain, ct);
        if (chain.Contains(workflow.Id)) return await EndAsync(run, "loop_detected", workflow.AuthorId, [.. chain, workflow.Id], ct, stopped: true);
        if (chain.Count >= MaxDepth) return await EndAsync(run, "chain_too_deep", workflow.AuthorId, [.. chain, workflow.Id], ct, stopped: true);
        chain = [.. chain, workflow.Id];

        var author = new Caller(workflow.AuthorId, await access.CurrentAsync(ct));
        if (await users.GetAsync(workflow.AuthorId, ct) is not { IsDisabled: false }) return await EndAsync(run, "author_disabled", author.ActorId, chain, ct);
        if (!author.Can("workflow.edit")) return await EndAsync(run, "author_not_permitted", author.ActorId, chain, ct);
        var (reached, owner) = await ReachAsync(message, author, ct);
        if (!reached) return await EndAsync(run, "record_out_of_scope", author.ActorId, chain, ct);
        // A condition on class facts matches only while the author may see them (an author who lost the scope learns nothing by it).
        if (!await records.MatchesAsync(message.RecordKind, message.RecordId, workflow.Condition, ClassFacts.VisibleTo(author), ct))
            return await EndAsync(run, "condition_not_met", author.ActorId, chain, ct);

        var outcomes = run.Actions.ToList();
        var notices = new List<NotificationDue>();
        var context = new WorkflowActionContext(message, workflow, author, owner, webhooks);
        for (var i = 0; i < workflow.Actions.Count; i++)
        {
            var (outcome, notice) = i < outcomes.Count ? (outcomes[i], null) : await actions.DoAsync(context, i, ct);
            if (notice is not null || (i < outcomes.Count && outcome.Status == WorkflowActionOutcome.Done && workflow.Actions[i].Type == "notify"))
                notices.Add(notice ?? actions.Notice(context, i));
            if (i >= outcomes.Count)
            {
                outcomes.Add(outcome);
                await runs.ProgressAsync(run.Id, author.ActorId, chain, outcomes, ct);
            }
            if (outcome.Status == WorkflowActionOutcome.Failed)
            {
                await runs.FinishAsync(run.Id, WorkflowRunStatus.Failed, "action_failed", author.ActorId, chain, outcomes, clock.GetUtcNow(), ct);
                return notices;
            }
        }
        await runs.FinishAsync(run.Id, WorkflowRunStatus.Succeeded, null, author.ActorId, chain, outcomes, clock.GetUtcNow(), ct);
        return notices;
    }

    /// <summary>The workflows that led here: the chain of the run whose action appended the triggering event (its request id), if any.</summary>
    private async Task<IReadOnlyList<Guid>> ChainAsync(WorkflowTriggered message, CancellationToken ct) =>
        Guid.TryParse(message.CauseRequestId, out var cause) && await runs.GetAsync(cause, ct) is { } earlier ? earlier.Chain : [];

    /// <summary>Whether the author reaches the record (its detail permission, their data scope now), and its owner.</summary>
    private async Task<(bool Reached, Guid? Owner)> ReachAsync(WorkflowTriggered message, Caller author, CancellationToken ct)
    {
        if (message.RecordKind == "lead")
        {
            var (lead, refusal) = await leads.CheckAsync(message.RecordId, author, "lead.detail", ct);
            return (refusal is null, lead?.OwnerId);
        }
        var (customer, refused) = await customers.CheckAsync(message.RecordId, author, "customer.detail", TeamNeed.Read, ct);
        return (refused is null, customer?.OwnerId);
    }

    private async Task<IReadOnlyList<NotificationDue>> EndAsync(WorkflowRunRow run, string reason, Guid? actor, IReadOnlyList<Guid> chain,
        CancellationToken ct, bool stopped = false)
    {
        await runs.FinishAsync(run.Id, stopped ? WorkflowRunStatus.Stopped : WorkflowRunStatus.Skipped, reason, actor, chain, [], clock.GetUtcNow(), ct);
        return [];
    }
}
