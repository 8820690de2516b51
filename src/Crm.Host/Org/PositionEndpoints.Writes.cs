using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

public static partial class PositionEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreatePosition).WithName("CreatePosition").RequirePermission("position.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(PositionApiDocs.Create);
        group.MapPatch("/{id}", UpdatePosition).WithName("UpdatePosition").RequirePermission("position.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(PositionApiDocs.Update);
        group.MapPost("/{id}/superior", SetSuperior).WithName("SetSuperiorPosition").RequirePermission("position.edit")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(PositionApiDocs.SetSuperior);
        group.MapPost("/{id}/insert-superior", InsertSuperior).WithName("InsertSuperiorPosition").RequirePermission("position.create")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(PositionApiDocs.InsertSuperior);
        group.MapDelete("/{id}", DeletePosition).WithName("DeletePosition").RequirePermission("position.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(PositionApiDocs.Delete);
    }

    /// <summary>Add a position to a department.</summary>
    private static async Task<Results<Created<PositionResponse>, ProblemHttpResult>> CreatePosition(
        CreatePositionRequest body, [AsParameters] PositionServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddPosition(body.Id, body.Name, body.DepartmentId, body.SuperiorPositionId);
        var outcome = await s.Handler.AddAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/positions/{row.Id}", PositionResponse.From(row));
    }

    /// <summary>Rename a position or move it to another department.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> UpdatePosition(
        Guid id, UpdatePositionRequest body, [AsParameters] PositionServices s)
    {
        var outcome = await s.Handler.EditAsync(new EditPosition(id, body.Name, body.DepartmentId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(PositionResponse.From(await Written(outcome, s)));
    }

    /// <summary>Give a position another superior position, or none.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> SetSuperior(
        Guid id, SetSuperiorPositionRequest body, [AsParameters] PositionServices s)
    {
        var outcome = await s.Handler.ReportToAsync(new ReportTo(id, body.SuperiorPositionId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(PositionResponse.From(await Written(outcome, s)));
    }

    /// <summary>Insert a new superior position above a position.</summary>
    /// <param name="id">The position that gets the new superior.</param>
    private static async Task<Results<Created<PositionResponse>, ProblemHttpResult>> InsertSuperior(
        Guid id, InsertSuperiorPositionRequest body, [AsParameters] PositionServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.InsertSuperiorAsync(new InsertSuperior(id, body.Id, body.Name, body.DepartmentId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/positions/{row.Id}", PositionResponse.From(row));
    }

    /// <summary>Delete a position nobody holds and no position reports to.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePosition(Guid id, [AsParameters] PositionServices s)
    {
        var outcome = await s.Handler.RemoveAsync(new RemovePosition(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    private static Task<PositionRow> Written(CommandOutcome outcome, PositionServices s) =>
        s.Http.WrittenAsync(outcome, "Position", (id, version, t) => s.Queries.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
}
