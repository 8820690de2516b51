using Crm.EventStore.Daemon;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Daemon;

/// <summary>
/// /api/admin/projections: the read models' state (async and inline), lag and dead letters, and the operator's triggers — a rebuild, and a replay
/// of dead letters (a rebuild of each read model that has some: the only replay that keeps a folded read model right). Both are
/// carried out by the read model's leader, in whichever host leads it; the answer is 202 and the state shows the progress.
/// </summary>
public static class ProjectionAdminEndpoints
{
    public const string Route = "/api/admin/projections";

    public static RouteGroupBuilder MapProjectionAdminApi(this IEndpointRouteBuilder app)
    {
        // Names travel in the query or the body, never the path: a path is decoded before any check of ours could name the field.
        var group = app.MapGroup(Route).WithTags("Read models").RequireAuthorization();
        group.MapGet("/", ListReadModels).WithName("ListReadModels").RequirePermission("projection.list").Documented(ProjectionAdminApiDocs.List);
        group.MapGet("/dead-letters", ListDeadLetters).WithName("ListReadModelDeadLetters").RequirePermission("projection.list")
            .Documented(ProjectionAdminApiDocs.DeadLetters);
        group.MapPost("/rebuild", RebuildReadModel).WithName("RebuildReadModel").RequirePermission("projection.rebuild")
            .Documented(ProjectionAdminApiDocs.Rebuild);
        group.MapPost("/replay-dead-letters", ReplayDeadLetters).WithName("ReplayDeadLetters").RequirePermission("projection.rebuild")
            .Documented(ProjectionAdminApiDocs.Replay);
        return group;
    }

    /// <summary>Every read model's state (inline and async), or one's.</summary>
    /// <param name="name">Only this read model (a 404 when there is none of that name).</param>
    private static async Task<Results<Ok<ReadModelList>, ProblemHttpResult>> ListReadModels(string? name, ProjectionDaemon daemon, CancellationToken ct)
    {
        if (name is null) return TypedResults.Ok(new ReadModelList([.. (await daemon.StatusAsync(ct)).Select(ReadModelState.From)]));
        if (!daemon.ProjectionNames.Contains(name)) return NotFound(name);
        return TypedResults.Ok(new ReadModelList([ReadModelState.From(await daemon.StatusAsync(name, ct))]));
    }

    /// <summary>A read model's dead letters, oldest first (at most 1,000).</summary>
    /// <param name="projection">The read model's name, as listed.</param>
    /// <param name="resolved">true: also those a rebuild has since applied.</param>
    private static async Task<Results<Ok<ReadModelDeadLetterList>, ProblemHttpResult>> ListDeadLetters(string? projection, bool? resolved,
        ProjectionDaemon daemon, CancellationToken ct)
    {
        if (Known(projection, daemon) is { } refused) return refused;
        var letters = await daemon.DeadLettersAsync(projection!, resolved ?? false, ct: ct);
        return TypedResults.Ok(new ReadModelDeadLetterList([.. letters.Select(ReadModelDeadLetter.From)]));
    }

    /// <summary>Rebuild a read model from the events.</summary>
    private static async Task<Results<Accepted<ReadModelState>, ProblemHttpResult>> RebuildReadModel(RebuildReadModelRequest body,
        ProjectionDaemon daemon, CancellationToken ct)
    {
        if (Known(body.Projection, daemon) is { } refused) return refused;
        var name = body.Projection!;
        await daemon.RequestRebuildAsync(name, ct);
        return TypedResults.Accepted($"{Route}?name={Uri.EscapeDataString(name)}", ReadModelState.From(await daemon.StatusAsync(name, ct)));
    }

    /// <summary>Replay the dead letters: rebuild every read model that has open ones.</summary>
    private static async Task<Accepted<DeadLetterReplay>> ReplayDeadLetters(ProjectionDaemon daemon, CancellationToken ct)
    {
        var names = (await daemon.StatusAsync(ct)).Where(s => s.DeadLetters > 0).Select(s => s.Name).ToList();
        foreach (var name in names) await daemon.RequestRebuildAsync(name, ct);
        var states = (await daemon.StatusAsync(ct)).Where(s => names.Contains(s.Name)).Select(ReadModelState.From).ToList();
        return TypedResults.Accepted(Route, new DeadLetterReplay(states));
    }

    /// <summary>Null when <paramref name="projection"/> names a read model; else the 400 (none given) or 404 to answer.</summary>
    private static ProblemHttpResult? Known(string? projection, ProjectionDaemon daemon) =>
        string.IsNullOrWhiteSpace(projection) ? DomainProblems.Invalid("projection", "projection_required", "Name the read model (projection).")
        : daemon.ProjectionNames.Contains(projection) ? null
        : NotFound(projection);

    private static ProblemHttpResult NotFound(string name) =>
        DomainError.NotFound("read_model_not_found", $"There is no read model named '{CleanName(name)}'; GET {Route} lists them.").ToProblem();

    /// <summary>The name as sent goes back in the message only when it is short and printable.</summary>
    private static string CleanName(string name) => name.Length <= 100 && name.All(c => !char.IsControl(c)) ? name : "(unprintable)";
}
