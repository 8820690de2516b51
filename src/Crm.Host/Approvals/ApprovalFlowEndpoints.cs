using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Approvals;
using Crm.Write;
using Crm.Write.Approvals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Approvals;

/// <summary>/api/approval-flows (SAL-4): administrators configure one flow per record kind. Parse, call, map; the rules live in Crm.Write.</summary>
public static class ApprovalFlowEndpoints
{
    public static RouteGroupBuilder MapApprovalFlowsApi(this IEndpointRouteBuilder app)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        var group = app.MapGroup("/api/approval-flows").WithTags("Approval flows").RequireAuthorization();
        group.MapGet("/", List).WithName("ListApprovalFlows").RequirePermission("approval-flow.list").Documented(ApprovalApiDocs.ListFlows);
        group.MapPost("/", Create).WithName("CreateApprovalFlow").RequirePermission("approval-flow.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(ApprovalApiDocs.CreateFlow);
        group.MapGet("/{id}", Get).WithName("GetApprovalFlow").RequirePermission("approval-flow.list").Documented(ApprovalApiDocs.GetFlow);
        group.MapPatch("/{id}", Update).WithName("UpdateApprovalFlow").RequirePermission("approval-flow.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ApprovalApiDocs.UpdateFlow);
        group.MapPost("/{id}/enable", Enable).WithName("EnableApprovalFlow").RequirePermission("approval-flow.edit")
            .AsCommand(Both).Documented(ApprovalApiDocs.EnableFlow);
        group.MapPost("/{id}/disable", Disable).WithName("DisableApprovalFlow").RequirePermission("approval-flow.edit")
            .AsCommand(Both).Documented(ApprovalApiDocs.DisableFlow);
        group.MapDelete("/{id}", Delete).WithName("DeleteApprovalFlow").RequirePermission("approval-flow.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ApprovalApiDocs.DeleteFlow);
        return group;
    }

    /// <summary>Every approval flow, by record kind, the enabled one first.</summary>
    /// <param name="recordKind">Only the flows of this record kind (contract, payment, …).</param>
    private static async Task<Results<Ok<ApprovalFlowListResponse>, ProblemHttpResult>> List(string? recordKind, [AsParameters] ApprovalServices s)
    {
        if (recordKind is not null && s.Subjects.Find(recordKind) is null)
            return DomainProblems.Invalid("recordKind", "record_kind_unknown", $"recordKind is one of: {string.Join(", ", s.Subjects.Kinds.Order())}.");
        var rows = await s.Retry.Reads.ExecuteAsync(async t => await s.FlowQueries.ListAsync(recordKind, t), s.Ct);
        return TypedResults.Ok(new ApprovalFlowListResponse(rows.Select(ApprovalFlowResponse.From).ToList()));
    }

    /// <summary>Create an approval flow.</summary>
    private static async Task<Results<Created<ApprovalFlowResponse>, ProblemHttpResult>> Create(CreateApprovalFlowRequest body,
        [AsParameters] ApprovalServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddApprovalFlow(body.Id, body.RecordKind, body.Name, Steps(body.Steps), body.Enabled == true);
        var outcome = await s.Flows.CreateAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/approval-flows/{row.Id}", ApprovalFlowResponse.From(row));
    }

    /// <summary>Read one approval flow.</summary>
    /// <param name="id">The flow's id.</param>
    private static async Task<Results<Ok<ApprovalFlowResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] ApprovalServices s)
    {
        if (await s.Retry.Reads.ExecuteAsync(async t => await s.FlowQueries.GetAsync(id, t), s.Ct) is not { } row) return ApprovalFlow.NotFound(id).ToProblem();
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(ApprovalFlowResponse.From(row));
    }

    /// <summary>Rename a flow or replace its steps; later submissions follow the change, pending ones keep their steps.</summary>
    /// <param name="id">The flow's id.</param>
    private static async Task<Results<Ok<ApprovalFlowResponse>, ProblemHttpResult>> Update(Guid id, UpdateApprovalFlowRequest body,
        [AsParameters] ApprovalServices s) =>
        await Answer(await s.Flows.EditAsync(new EditApprovalFlow(id, body.Name, Steps(body.Steps)), s.Caller,
            s.Http.Command(), s.Ct), s);

    /// <summary>Switch a flow on: submissions of its record kind follow it.</summary>
    /// <param name="id">The flow's id.</param>
    private static async Task<Results<Ok<ApprovalFlowResponse>, ProblemHttpResult>> Enable(Guid id, [AsParameters] ApprovalServices s) =>
        await Answer(await s.Flows.EnableAsync(id, s.Http.Command(), s.Ct), s);

    /// <summary>Switch a flow off: submissions of its record kind are approved at once until a flow is on again.</summary>
    /// <param name="id">The flow's id.</param>
    private static async Task<Results<Ok<ApprovalFlowResponse>, ProblemHttpResult>> Disable(Guid id, [AsParameters] ApprovalServices s) =>
        await Answer(await s.Flows.DisableAsync(id, s.Http.Command(), s.Ct), s);

    /// <summary>Delete a flow; submissions that follow it keep their steps.</summary>
    /// <param name="id">The flow's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] ApprovalServices s)
    {
        var outcome = await s.Flows.DeleteAsync(id, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    private static IReadOnlyList<ApprovalStepInput>? Steps(IReadOnlyList<ApprovalStepRequest>? steps) => steps?.Select(st => st?.ToInput()!).ToList();

    private static async Task<Results<Ok<ApprovalFlowResponse>, ProblemHttpResult>> Answer(CommandOutcome outcome, ApprovalServices s) =>
        outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(ApprovalFlowResponse.From(await Written(outcome, s)));

    /// <summary>The flow as the command left it (folded from its stream at the version written), with its ETag.</summary>
    private static Task<ApprovalFlowRow> Written(CommandOutcome outcome, ApprovalServices s) =>
        s.Http.WrittenAsync(outcome, "Approval flow", (id, version, t) => s.Store.ReadAsOfAsync<ApprovalFlowRow>(id, version, null, ApprovalFlowRow.Evolve, t),
            r => r.Version, s.Ct);
}
