using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write.Approvals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Approvals;

/// <summary>
/// The submit/approval pair of every record kind registered as an <see cref="IApprovalSubject"/>, mapped from the registry:
/// <c>POST /api/{kind}s/{id}/submit</c> and <c>GET /api/{kind}s/{id}/approval</c> (contracts: /api/contracts/…; payments once
/// their subject is registered). One implementation for every kind.
/// </summary>
public static class ApprovalSubjectEndpoints
{
    public static IEndpointRouteBuilder MapApprovalSubjectsApi(this IEndpointRouteBuilder app)
    {
        foreach (var subject in app.ServiceProvider.GetRequiredService<ApprovalSubjects>().All.OrderBy(k => k.Kind, StringComparer.Ordinal))
        {
            var kind = subject.Kind;
            var name = char.ToUpperInvariant(kind[0]) + kind[1..];
            var group = app.MapGroup($"/api/{kind}s").WithTags("Approvals").RequireAuthorization();
            group.MapPost("/{id}/submit", (Guid id, [AsParameters] ApprovalServices s) => SubmitAsync(subject, id, s)).WithName($"Submit{name}")
                .RequirePermission(subject.SubmitPermission).AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey)
                .Documented(ApprovalApiDocs.Submit(kind));
            group.MapGet("/{id}/approval", (Guid id, [AsParameters] ApprovalServices s) => RecordApprovalAsync(subject, id, s)).WithName($"Get{name}Approval")
                .RequirePermission($"{kind}.detail").Documented(ApprovalApiDocs.RecordApproval(kind));
        }
        return app;
    }

    private static async Task<Results<Created<ApprovalResponse>, ProblemHttpResult>> SubmitAsync(IApprovalSubject subject, Guid id, ApprovalServices s)
    {
        var outcome = await s.Handler.SubmitAsync(subject, id, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await ApprovalEndpoints.Written(outcome, s);
        return TypedResults.Created($"/api/approvals/{row.Id}", ApprovalResponse.From(row));
    }

    /// <summary>The record's latest submission, with the diff of its approved fields between the submitted version and now.</summary>
    private static async Task<Results<Ok<RecordApprovalResponse>, ProblemHttpResult>> RecordApprovalAsync(IApprovalSubject subject, Guid id, ApprovalServices s)
    {
        var (record, refusal) = await subject.ReadAsync(id, s.Caller, $"{subject.Kind}.detail", false, s.Ct);
        if (refusal is not null || record is null) return (refusal ?? Write.Access.RecordAccess.NotFound(subject.Kind, id)).ToProblem();
        var latest = await s.Retry.Reads.ExecuteAsync(async t => await s.Approvals.LatestOfAsync(subject.Kind, id, t), s.Ct);
        if (latest is null) return Write.DomainError.NotFound("approval_not_found", $"The {subject.Kind} {id} was never submitted for approval.").ToProblem();
        var then = await subject.ReadAtAsync(id, latest.RecordVersion, s.Ct);
        var diff = then is null ? []
            : ApprovalContent.Diff(then.ApprovedFields, record.ApprovedFields).Select(d => new ApprovalFieldDiff(d.Field, d.Old, d.New)).ToList();
        s.Http.Response.SetETag(record.Version);
        return TypedResults.Ok(new RecordApprovalResponse(subject.Kind, id, record.Version, record.Status, latest.RecordVersion, latest.ApprovedVersion,
            latest.ContentHash, record.ContentHash == latest.ContentHash, diff, ApprovalResponse.From(latest)));
    }
}
