using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Approvals;
using Crm.Write;
using Crm.Write.Approvals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Approvals;

/// <summary>
/// /api/approvals (SAL-4): submissions, "waiting for me" and "mine", and the approvers' actions. A caller sees the submissions they
/// made or are (or were) an approver of, and those whose record they reach under its kind's own read permission and data scope
/// (<see cref="ApprovalReaders"/>, filtered in SQL). Any other id answers 404 approval_not_found.
/// </summary>
public static class ApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        var group = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization();
        group.MapGet("/", List).WithName("ListApprovals").Documented(ApprovalApiDocs.List);
        group.MapGet("/{id}", Get).WithName("GetApproval").Documented(ApprovalApiDocs.Get);
        group.MapPost("/{id}/approve", Approve).WithName("ApproveSubmission").AsCommand(Both).Documented(ApprovalApiDocs.Approve);
        group.MapPost("/{id}/reject", Reject).WithName("RejectSubmission").AsCommand(Both).Documented(ApprovalApiDocs.Reject);
        group.MapPost("/{id}/reassign", Reassign).WithName("ReassignApprover").RequirePermission("approval-flow.reassign").AsCommand(Both)
            .Documented(ApprovalApiDocs.Reassign);
        group.MapPost("/{id}/withdraw", Withdraw).WithName("WithdrawSubmission").AsCommand(Both).Documented(ApprovalApiDocs.Withdraw);
        return group;
    }

    /// <summary>Submissions the caller may see, newest first.</summary>
    /// <param name="waitingFor">me: only those whose current step waits for you.</param>
    /// <param name="submittedBy">me: only your own submissions.</param>
    /// <param name="recordKind">Only submissions of this record kind.</param>
    /// <param name="status">pending, approved, rejected or withdrawn.</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<ApprovalListResponse>, ProblemHttpResult>> List(string? waitingFor, string? submittedBy, string? recordKind,
        string? status, int? limit, string? cursor, [AsParameters] ApprovalServices s)
    {
        if (waitingFor is not (null or "me")) return DomainProblems.Invalid("waitingFor", "waiting_for_invalid", "waitingFor takes only the value me.");
        if (submittedBy is not (null or "me")) return DomainProblems.Invalid("submittedBy", "submitted_by_invalid", "submittedBy takes only the value me.");
        if (recordKind is not null && s.Subjects.Find(recordKind) is null)
            return DomainProblems.Invalid("recordKind", "record_kind_unknown", $"recordKind is one of: {string.Join(", ", s.Subjects.Kinds.Order())}.");
        if (status is not null && !ApprovalRow.Statuses.Contains(status))
            return DomainProblems.Invalid("status", "status_invalid", "status is pending, approved, rejected or withdrawn.");
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var request = new ApprovalListRequest(s.Caller.ActorId, s.Subjects.Reaches(s.Caller), waitingFor is not null, submittedBy is not null, recordKind,
            status, size, cursor);
        var page = await s.Retry.Reads.ExecuteAsync(async t => await s.Approvals.ListAsync(request, t), s.Ct);
        return TypedResults.Ok(new ApprovalListResponse(page.Items.Select(r => ApprovalResponse.From(r)).ToList(), page.NextCursor));
    }

    /// <summary>Read a submission: its steps and each approver's action, and the record version and content hash it binds to.</summary>
    /// <param name="id">The submission's id.</param>
    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] ApprovalServices s)
    {
        var reaches = s.Subjects.Reaches(s.Caller);
        var row = await s.Retry.Reads.ExecuteAsync(async t => await s.Approvals.GetSeenAsync(id, s.Caller.ActorId, reaches, t), s.Ct);
        if (row is null) return Approval.NotFound(id).ToProblem();
        var then = s.Subjects.Find(row.RecordKind) is { } subject ? await subject.ReadAtAsync(row.RecordId, row.RecordVersion, s.Ct) : null;
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(ApprovalResponse.From(row, then?.ApprovedFields));
    }

    /// <summary>Approve the current step, as one of its approvers.</summary>
    /// <param name="id">The submission's id.</param>
    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Approve(Guid id, ApproveRequest? body, [AsParameters] ApprovalServices s) =>
        await Answer(await s.Handler.ApproveAsync(id, body?.Comment, s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Reject the submission at its current step, for a reason, as one of the step's approvers.</summary>
    /// <param name="id">The submission's id.</param>
    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Reject(Guid id, RejectRequest body, [AsParameters] ApprovalServices s) =>
        await Answer(await s.Handler.RejectAsync(id, body.Reason, s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Put another approver in place of one the current step still waits for (a disabled or departed approver), for a reason.</summary>
    /// <param name="id">The submission's id.</param>
    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Reassign(Guid id, ReassignRequest body, [AsParameters] ApprovalServices s) =>
        await Answer(await s.Handler.ReassignAsync(id, body.From, body.To, body.Reason, s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Withdraw your own pending submission: the record is a draft again.</summary>
    /// <param name="id">The submission's id.</param>
    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Withdraw(Guid id, [AsParameters] ApprovalServices s) =>
        await Answer(await s.Handler.WithdrawAsync(id, s.Caller, s.Http.Command(), s.Ct), s);

    internal static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Answer(CommandOutcome outcome, ApprovalServices s) =>
        outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(ApprovalResponse.From(await Written(outcome, s)));

    /// <summary>The submission as the command left it (folded from its stream at the version written), with its ETag.</summary>
    internal static Task<ApprovalRow> Written(CommandOutcome outcome, ApprovalServices s) =>
        s.Http.WrittenAsync(outcome, "Submission", (id, version, t) => s.Store.ReadAsOfAsync<ApprovalRow>(id, version, null, ApprovalRow.Evolve, t),
            r => r.Version, s.Ct);
}
