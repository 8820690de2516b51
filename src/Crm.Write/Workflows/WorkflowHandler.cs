using Crm.EventStore;
using Crm.Write.Classification;
using Crm.Write.Notifications;

namespace Crm.Write.Workflows;

/// <summary>Create a workflow; <paramref name="WorkflowId"/> is the client's choice when not null.</summary>
public sealed record AddWorkflow(Guid? WorkflowId, WorkflowInput Input);

/// <summary>Change a workflow: what is null (or, for the condition, undefined) stays.</summary>
public sealed record ChangeWorkflow(Guid WorkflowId, WorkflowInput Input);

/// <summary>
/// The workflow commands (SET-3), for callers holding workflow.edit (rules are shared configuration like pipelines: no data scope on the rule
/// itself; what a rule may do is bounded at each run by its author's permissions and scope). The rule is checked by <see cref="WorkflowRules"/>
/// against the stream's state inside the command's cycle, so an edit lays its parts over the rule as it is.
/// </summary>
public sealed class WorkflowHandler(CommandHandler handler, NotificationDeliverySettings delivery, TimeProvider clock)
{
    public Task<CommandOutcome> CreateAsync(AddWorkflow command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.WorkflowId ?? Guid.CreateVersion7();
        var (draft, faults) = WorkflowRules.Check(command.Input, WorkflowDraft.Empty, delivery.AllowPrivateWebhooks, ClassFacts.VisibleTo(caller));
        return handler.CreateAsync(Workflow.Decider, id, (state, _) =>
            ValueTask.FromResult(Workflow.Decide(new CreateWorkflow(id, draft, faults), state, Context(request))), request, null,
            freshId: command.WorkflowId is null, ct);
    }

    public Task<CommandOutcome> EditAsync(ChangeWorkflow command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Workflow.Decider, command.WorkflowId, (state, version, _) =>
        {
            if (!state.Exists) return ValueTask.FromResult<Decision>(Workflow.NotFound(command.WorkflowId));
            if (request.ExpectedVersion is { } expected && expected != version) return ValueTask.FromResult<Decision>(CommandHandler.Stale(expected, version));
            var (draft, faults) = WorkflowRules.Check(command.Input, state.Draft, delivery.AllowPrivateWebhooks, ClassFacts.VisibleTo(caller));
            return ValueTask.FromResult(Workflow.Decide(new EditWorkflow(command.WorkflowId, draft, faults), state, Context(request)));
        }, request with { ExpectedVersion = null }, ct);

    public Task<CommandOutcome> DeleteAsync(DeleteWorkflow command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Workflow.Decider, command.WorkflowId, (state, version, _) =>
            ValueTask.FromResult(!state.Exists ? Workflow.NotFound(command.WorkflowId)
                : request.ExpectedVersion is { } expected && expected != version ? CommandHandler.Stale(expected, version)
                : Workflow.Decide(command, state, Context(request))), request with { ExpectedVersion = null }, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
