using Crm.Events.Workflows;

namespace Crm.Write.Workflows;

/// <summary>Create a workflow; <paramref name="Draft"/> is the rule checked by <see cref="WorkflowRules"/> (null with its faults).</summary>
public sealed record CreateWorkflow(Guid WorkflowId, WorkflowDraft? Draft, IReadOnlyList<FieldError> Faults);

/// <summary>Change a workflow: <paramref name="Draft"/> is the whole rule after the change.</summary>
public sealed record EditWorkflow(Guid WorkflowId, WorkflowDraft? Draft, IReadOnlyList<FieldError> Faults);

public sealed record DeleteWorkflow(Guid WorkflowId);

public sealed record WorkflowState(bool Exists, Guid Id, Guid AuthorId, WorkflowDraft Draft)
{
    public static WorkflowState None { get; } = new(false, Guid.Empty, Guid.Empty, WorkflowDraft.Empty);

    public static WorkflowState Evolve(WorkflowState state, object @event) => @event switch
    {
        WorkflowCreated e => new WorkflowState(true, e.WorkflowId, e.AuthorId,
            new WorkflowDraft(e.Name, e.Enabled, e.Trigger, e.Condition, e.Actions, e.WebhookSecret)),
        WorkflowEdited e => state with
        {
            AuthorId = e.AuthorId, Draft = new WorkflowDraft(e.Name, e.Enabled, e.Trigger, e.Condition, e.Actions, e.WebhookSecret),
        },
        WorkflowDeleted => state with { Exists = false },
        _ => state,
    };
}

/// <summary>
/// The workflow decider (SET-3): one automation rule per stream. Whoever creates or changes a rule is its author from then on — the user its
/// runs act as, with that user's permissions and data scope at the time of each run — so nobody can make a rule act beyond their own reach
/// by editing someone else's. Every change is an event carrying the whole rule (the audit trail of what it was when).
/// </summary>
public static class Workflow
{
    public const string StreamType = "workflow";

    public static Decider<WorkflowState> Decider { get; } = new(StreamType, WorkflowState.None, WorkflowState.Evolve);

    public static Decision Decide(CreateWorkflow command, WorkflowState state, CommandContext context)
    {
        if (state.Exists || state.Id != Guid.Empty) return TakenIds.Refusal();
        if (context.ActorId is not { } author) return DomainError.Unprocessable("actor", "author_unknown", "Only a signed-in user creates workflows.");
        if (DomainError.Invalid(command.Faults) is { } invalid) return invalid;
        var d = command.Draft!;
        return Decision.Accept(new WorkflowCreated(command.WorkflowId, author, d.Name, d.Enabled, d.Trigger, d.Condition, d.Actions, d.WebhookSecret));
    }

    public static Decision Decide(EditWorkflow command, WorkflowState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.WorkflowId);
        if (context.ActorId is not { } author) return DomainError.Unprocessable("actor", "author_unknown", "Only a signed-in user changes workflows.");
        if (DomainError.Invalid(command.Faults) is { } invalid) return invalid;
        var d = command.Draft!;
        var changed = d.Differences(state.Draft).ToList();
        if (changed.Count == 0) return Decision.Nothing;
        if (author != state.AuthorId) changed.Add("author");
        return Decision.Accept(new WorkflowEdited(state.Id, author, d.Name, d.Enabled, d.Trigger, d.Condition, d.Actions, d.WebhookSecret, changed));
    }

    public static Decision Decide(DeleteWorkflow command, WorkflowState state, CommandContext context) =>
        state.Exists ? Decision.Accept(new WorkflowDeleted(state.Id, state.Draft.Name)) : NotFound(command.WorkflowId);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("workflow_not_found", $"Workflow {id} does not exist.");
}
