using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Workflows;
using Crm.Write;
using Crm.Write.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Workflows;

public static partial class WorkflowEndpoints
{
    /// <summary>Create a workflow; you are its author (its runs act as you).</summary>
    private static async Task<Results<Created<WorkflowResponse>, ProblemHttpResult>> Create(CreateWorkflowRequest body, [AsParameters] WorkflowServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.CreateAsync(new AddWorkflow(body.Id, body.ToInput()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/workflows/{row.Id}", WorkflowResponse.From(row));
    }

    /// <summary>Change a workflow (enable or disable it too); only what is sent changes, and you become its author.</summary>
    /// <param name="id">The workflow's id.</param>
    private static async Task<Results<Ok<WorkflowResponse>, ProblemHttpResult>> Update(Guid id, UpdateWorkflowRequest body, [AsParameters] WorkflowServices s)
    {
        var outcome = await s.Handler.EditAsync(new ChangeWorkflow(id, body.ToInput()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(WorkflowResponse.From(await Written(outcome, s)));
    }

    /// <summary>Delete a workflow: it runs no more; its history and runs stay.</summary>
    /// <param name="id">The workflow's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] WorkflowServices s)
    {
        var outcome = await s.Handler.DeleteAsync(new DeleteWorkflow(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.NoContent();
    }

    /// <summary>The workflow as the command left it (folded from its stream at the version written), with its ETag.</summary>
    private static Task<WorkflowRow> Written(CommandOutcome outcome, WorkflowServices s) =>
        s.Http.WrittenAsync(outcome, "Workflow",
            (id, version, t) => s.Store.ReadAsOfAsync<WorkflowRow>(id, version, null, WorkflowRow.Evolve, t),
            r => r.Version, s.Ct);
}
