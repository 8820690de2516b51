using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Targets;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Targets;

/// <summary>/api/targets (SAL-7): parse, call the target handler or the queries after the access policy, map the answer.</summary>
public static class TargetEndpoints
{
    public const int MaxItems = 500;

    public static RouteGroupBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/targets").WithTags("Targets").RequireAuthorization();
        group.MapGet("/", List).WithName("ListTargets").RequirePermission("target.list").Documented(TargetApiDocs.List);
        group.MapGet("/achievement", Achievement).WithName("GetTargetAchievement").RequirePermission("target.list").Documented(TargetApiDocs.Achievement);
        group.MapGet("/{id}", Get).WithName("GetTarget").RequirePermission("target.list").Documented(TargetApiDocs.Get);
        group.MapPost("/", Create).WithName("CreateTarget").RequirePermission("target.edit").AsCommand(CommandHeaders.IdempotencyKey)
            .Documented(TargetApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdateTarget").RequirePermission("target.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(TargetApiDocs.Update);
        group.MapDelete("/{id}", Delete).WithName("DeleteTarget").RequirePermission("target.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(TargetApiDocs.Delete);
        return group;
    }

    /// <summary>Targets in your data scope, by period.</summary>
    /// <param name="year">Only this year's targets.</param>
    /// <param name="period">year, quarter or month.</param>
    /// <param name="periodNo">The quarter (1–4) or month (1–12).</param>
    /// <param name="measure">contract_amount or payments_received.</param>
    /// <param name="subjectKind">user or department.</param>
    /// <param name="subjectId">Only this user's or department's targets.</param>
    private static async Task<Results<Ok<TargetListResponse>, ProblemHttpResult>> List(int? year, string? period, int? periodNo, string? measure,
        string? subjectKind, Guid? subjectId, [AsParameters] TargetServices s)
    {
        var (filter, bad) = Filter(year, period, periodNo, measure, subjectKind, subjectId, s);
        if (bad is not null) return bad;
        var rows = await s.Targets.ListAsync(filter!, MaxItems, s.Ct);
        return TypedResults.Ok(new TargetListResponse(rows.Select(TargetResponse.From).ToList()));
    }

    /// <summary>Each target in your data scope with what was achieved against it.</summary>
    /// <param name="year">Only this year's targets.</param>
    /// <param name="period">year, quarter or month.</param>
    /// <param name="periodNo">The quarter (1–4) or month (1–12).</param>
    /// <param name="measure">contract_amount or payments_received.</param>
    private static async Task<Results<Ok<AchievementResponse>, ProblemHttpResult>> Achievement(int? year, string? period, int? periodNo,
        string? measure, [AsParameters] TargetServices s)
    {
        var (filter, bad) = Filter(year, period, periodNo, measure, null, null, s);
        if (bad is not null) return bad;
        var rows = await s.Targets.AchievementAsync(filter!, MaxItems, s.Ct);
        return TypedResults.Ok(new AchievementResponse(rows.Select(a => new TargetAchievementResponse(TargetResponse.From(a.Target), a.Achieved, a.Ratio))
            .ToList()));
    }

    /// <summary>Read a target.</summary>
    /// <param name="id">The target's id.</param>
    private static async Task<Results<Ok<TargetResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] TargetServices s)
    {
        var row = await s.Targets.GetAsync(id, s.Ct);
        if (row is null || !await s.Reach.CoversAsync(s.Caller, "target.list", row.Key, s.Ct)) return RecordAccess.NotFound(Target.Kind, id).ToProblem();
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(TargetResponse.From(row));
    }

    /// <summary>Set a target.</summary>
    private static async Task<Results<Created<TargetResponse>, ProblemHttpResult>> Create(CreateTargetRequest body, [AsParameters] TargetServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.SetAsync(body.Id, body.Input(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var written = await Written(s, outcome);
        return TypedResults.Created($"/api/targets/{written.Id}", written);
    }

    /// <summary>Change a target's amount.</summary>
    /// <param name="id">The target's id.</param>
    private static async Task<Results<Ok<TargetResponse>, ProblemHttpResult>> Update(Guid id, UpdateTargetRequest body, [AsParameters] TargetServices s)
    {
        var outcome = await s.Handler.ChangeAsync(new ChangeTarget(id, body.Amount, body.Currency), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(s, outcome));
    }

    /// <summary>Delete a target: its subject, measure and period are free again.</summary>
    /// <param name="id">The target's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] TargetServices s)
    {
        var outcome = await s.Handler.DeleteAsync(id, s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    private static (TargetFilter? Filter, ProblemHttpResult? Problem) Filter(int? year, string? period, int? periodNo, string? measure,
        string? subjectKind, Guid? subjectId, TargetServices s)
    {
        if (period is not null && !TargetPeriods.All.Contains(period))
            return (null, DomainProblems.Invalid("period", "period_invalid", "period is year, quarter or month."));
        if (measure is not null && !TargetMeasures.All.Contains(measure))
            return (null, DomainProblems.Invalid("measure", "measure_invalid", "measure is contract_amount or payments_received."));
        if (subjectKind is not null && !TargetSubjects.All.Contains(subjectKind))
            return (null, DomainProblems.Invalid("subjectKind", "subject_kind_invalid", "subjectKind is user or department."));
        if (year is < TargetInput.MinYear or > TargetInput.MaxYear)
            return (null, DomainProblems.Invalid("year", "year_out_of_range", $"year is {TargetInput.MinYear} to {TargetInput.MaxYear}."));
        if (periodNo is < 1 or > 12)
            return (null, DomainProblems.Invalid("periodNo", "period_no_invalid", "periodNo is 1–4 for a quarter, 1–12 for a month."));
        return (new TargetFilter(s.Caller.VisibleOwners("target.list").ForSql(), year, period, periodNo, measure, subjectKind, subjectId), null);
    }

    private static async Task<TargetResponse> Written(TargetServices s, CommandOutcome outcome) => TargetResponse.From(
        await s.Http.WrittenAsync(outcome, "Target", (id, version, t) => s.Targets.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct));
}
