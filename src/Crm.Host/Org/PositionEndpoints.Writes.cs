using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Org;

public static partial class PositionEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreatePosition).WithName("CreatePosition").RequirePermission("position.create")
            .WithSummary("Add a position to a department")
            .WithDescription("departmentId must name an existing department (422 otherwise); superiorPositionId, when given, an existing position. With Idempotency-Key, a retry answers the first response and writes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples("""{"name":"Sales manager","departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","superiorPositionId":null}""", Example.Position, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdatePosition).WithName("UpdatePosition").RequirePermission("position.edit")
            .WithSummary("Rename a position or move it to another department")
            .WithDescription("Only the fields sent change. Send If-Match with the ETag you read: a 412 means someone changed it since.")
            .WithExamples("""{"name":"Regional sales manager"}""", Example.Position)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/superior", SetSuperior).WithName("SetSuperiorPosition").RequirePermission("position.edit")
            .WithSummary("Give a position another superior position, or none")
            .WithDescription("superiorPositionId null removes the superior. Reporting to itself or to a position under it is a 409 (position_cycle).")
            .WithExamples("""{"superiorPositionId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d32"}""", Example.Position)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/insert-superior", InsertSuperior).WithName("InsertSuperiorPosition").RequirePermission("position.create")
            .WithSummary("Insert a new superior position above a position")
            .WithDescription("Creates a position that reports to the position's current superior (if any) and makes the position report to it, in one transaction. Answers the new position (201). If-Match applies to the existing position. With Idempotency-Key, a retry answers the first new position and writes nothing.")
            .WithExamples("""{"name":"Team lead"}""", Example.Position, StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}", DeletePosition).WithName("DeletePosition").RequirePermission("position.delete")
            .WithSummary("Delete a position nobody holds")
            .WithDescription("409 position_in_use while a user holds it; 409 position_has_subordinates while positions report to it. Its history stays readable.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>Add a position to a department.</summary>
    private static async Task<Results<Created<PositionResponse>, ProblemHttpResult>> CreatePosition(
        CreatePositionRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, PositionCommands commands, PositionQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await commands.CreateAsync(body.Id ?? Guid.CreateVersion7(), body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(http, outcome, queries, ct);
        return TypedResults.Created($"/api/positions/{row.Id}", PositionResponse.From(row));
    }

    /// <summary>Rename a position or move it to another department.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> UpdatePosition(
        Guid id, UpdatePositionRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, PositionCommands commands, PositionQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.ChangeAsync(id, body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(PositionResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>Give a position another superior position, or none.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> SetSuperior(
        Guid id, SetSuperiorPositionRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, PositionCommands commands, PositionQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.SetSuperiorAsync(id, body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(PositionResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>Insert a new superior position above a position.</summary>
    /// <param name="id">The position that gets the new superior.</param>
    private static async Task<Results<Created<PositionResponse>, ProblemHttpResult>> InsertSuperior(
        Guid id, InsertSuperiorPositionRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, PositionCommands commands, PositionQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await commands.InsertSuperiorAsync(id, body.Id ?? Guid.CreateVersion7(), body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(http, outcome, queries, ct);
        return TypedResults.Created($"/api/positions/{row.Id}", PositionResponse.From(row));
    }

    /// <summary>Delete a position nobody holds and no position reports to.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePosition(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, PositionCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.DeleteAsync(id, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    private static Task<PositionRow> Written(HttpContext http, CommandOutcome outcome, PositionQueries queries, CancellationToken ct) =>
        http.WrittenAsync(outcome, "Position", (id, version, t) => queries.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
}
