using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Scenes;
using Crm.Write;
using Crm.Write.Scenes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Scenes;

/// <summary>
/// /api/scenes (LEAD-6, CUS-9): each user's saved list views (场景) for leads, customers and contacts. Each endpoint
/// parses, calls the scene handler (writes) or the scene queries after <see cref="SceneReach"/> (reads), and maps the answer.
/// </summary>
public static partial class SceneEndpoints
{
    public static RouteGroupBuilder MapScenesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scenes").WithTags("Scenes").RequireAuthorization();
        group.MapGet("/", ListScenes).WithName("ListScenes").Documented(SceneApiDocs.List);
        group.MapPost("/", CreateScene).WithName("CreateScene").AsCommand(CommandHeaders.IdempotencyKey).Documented(SceneApiDocs.Create);
        group.MapGet("/{id}", GetScene).WithName("GetScene").Documented(SceneApiDocs.Get);
        group.MapPatch("/{id}", UpdateScene).WithName("UpdateScene").AsCommand(CommandHeaders.IfMatch).Documented(SceneApiDocs.Update);
        group.MapDelete("/{id}", DeleteScene).WithName("DeleteScene").AsCommand(CommandHeaders.IfMatch).Documented(SceneApiDocs.Delete);
        group.MapPost("/{id}/default", MakeDefault).WithName("MakeSceneDefault")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(SceneApiDocs.MakeDefault);
        group.MapDelete("/{id}/default", ClearDefault).WithName("ClearSceneDefault").AsCommand(CommandHeaders.IfMatch).Documented(SceneApiDocs.ClearDefault);
        group.MapGet("/{id}/history", GetHistory).WithName("GetSceneHistory").Documented(SceneApiDocs.History);
        group.MapPost("/{id}/results", Results).WithName("ApplyScene").ProducesKindPages().Documented(SceneApiDocs.Results);
        return group;
    }

    /// <summary>Your scenes, in order.</summary>
    /// <param name="kind">leads, customers or contacts; all kinds when left out.</param>
    private static async Task<Results<Ok<SceneListResponse>, ProblemHttpResult>> ListScenes(string? kind, [AsParameters] SceneServices s)
    {
        if (kind is not null && !SceneViews.IsKind(kind)) return BadKind("kind");
        var rows = await s.Retry.Reads.ExecuteAsync(async t => await s.Scenes.OfOwnerAsync(s.Caller.ActorId, kind, t), s.Ct);
        return TypedResults.Ok(new SceneListResponse(rows.Select(SceneResponse.From).ToList()));
    }

    /// <summary>Read one of your scenes.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<Results<Ok<SceneResponse>, ProblemHttpResult>> GetScene(Guid id, [AsParameters] SceneServices s)
    {
        if (await OwnAsync(id, s) is not { } row) return NotFound(id);
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(SceneResponse.From(row));
    }

    /// <summary>A scene's operation log.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<Results<Ok<SceneHistoryResponse>, ProblemHttpResult>> GetHistory(Guid id, [AsParameters] SceneServices s)
    {
        if (await OwnAsync(id, s) is null) return NotFound(id);
        var events = await s.Retry.Reads.ExecuteAsync(async t => await s.Store.ReadStreamAsync(id, ct: t), s.Ct);
        if (events.Count == 0 || events[0].Data is not Events.Scenes.SceneCreated) return NotFound(id);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new SceneHistoryResponse(id, SceneHistory.Of(events)));
    }

    /// <summary>Apply a scene: one page of its records, within your data scope.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> Results(Guid id, SceneResultsRequest? body, [AsParameters] SceneServices s)
    {
        if (await OwnAsync(id, s) is not { } row) return NotFound(id);
        if (Forbidden(row.Kind, s.Caller) is { } forbidden) return forbidden;
        var source = s.Kinds.SourceOf(row.Kind) ?? throw new InvalidOperationException($"No results source is registered for scenes of {row.Kind}.");
        var search = new SceneSearch(SceneViews.FilterOf(row.Filter), row.Sort, row.Q, body?.Limit, body?.Cursor, body?.IncludeTotal);
        return await source(search, s.Caller, s.Http.RequestServices, s.Ct);
    }

    /// <summary>The caller's own scene, or null (someone else's scene is never confirmed).</summary>
    private static async Task<SceneRow?> OwnAsync(Guid id, SceneServices s) =>
        await s.Retry.Reads.ExecuteAsync(async t => await s.Scenes.GetAsync(id, t), s.Ct) is { } row && SceneReach.Reaches(row.OwnerId, s.Caller)
            ? row : null;

    private static ProblemHttpResult? Forbidden(string kind, CallerAccess caller) =>
        caller.Can(SceneViews.ListPermission(kind)) ? null : (ProblemHttpResult)PermissionEndpoints.Forbidden(SceneViews.ListPermission(kind));

    private static ProblemHttpResult NotFound(Guid id) => Scene.NotFound(id).ToProblem();

    private static ProblemHttpResult BadKind(string field) => DomainProblems.Invalid(field, "kind_unknown", $"kind is one of {SceneApiDocs.Kinds}.");
}
