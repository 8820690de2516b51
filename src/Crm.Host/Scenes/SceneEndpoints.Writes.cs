using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Scenes;
using Crm.Write;
using Crm.Write.Scenes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Scenes;

public static partial class SceneEndpoints
{
    /// <summary>Save a scene.</summary>
    private static async Task<Results<Created<SceneResponse>, ProblemHttpResult>> CreateScene(CreateSceneRequest body, [AsParameters] SceneServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (!SceneViews.IsKind(body.Kind)) return BadKind("kind");
        if (Forbidden(body.Kind!, s.Caller) is { } forbidden) return forbidden;
        var command = new SaveScene(body.Id, body.Kind, body.Name, body.Filter, body.Sort, body.Q, body.IsDefault == true);
        var outcome = await s.Handler.CreateAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/scenes/{row.Id}", SceneResponse.From(row));
    }

    /// <summary>Change a scene; only what is sent changes.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<Results<Ok<SceneResponse>, ProblemHttpResult>> UpdateScene(Guid id, UpdateSceneRequest body, [AsParameters] SceneServices s)
    {
        var command = new ChangeScene(id, body.Name, body.Filter, body.Sort, body.Q, body.Order);
        var outcome = await s.Handler.EditAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(SceneResponse.From(await Written(outcome, s)));
    }

    /// <summary>Delete a scene.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteScene(Guid id, [AsParameters] SceneServices s)
    {
        var outcome = await s.Handler.DeleteAsync(new DeleteScene(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.NoContent();
    }

    /// <summary>Stop a scene being your default.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<Results<Ok<SceneResponse>, ProblemHttpResult>> ClearDefault(Guid id, [AsParameters] SceneServices s)
    {
        var outcome = await s.Handler.ClearDefaultAsync(new ClearSceneDefault(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(SceneResponse.From(await Written(outcome, s)));
    }

    /// <summary>Make a scene your default for its kind.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<Results<Ok<SceneResponse>, ProblemHttpResult>> MakeDefault(Guid id, [AsParameters] SceneServices s)
    {
        var outcome = await s.Handler.MakeDefaultAsync(new ChooseDefaultScene(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(SceneResponse.From(await Written(outcome, s)));
    }

    /// <summary>The scene as the command left it (folded from its stream at the version written), with its ETag.</summary>
    private static Task<SceneRow> Written(CommandOutcome outcome, SceneServices s) =>
        s.Http.WrittenAsync(outcome, "Scene",
            (id, version, t) => s.Store.ReadAsOfAsync<SceneRow>(id, version, null, SceneRow.Evolve, t),
            r => r.Version, s.Ct);
}
