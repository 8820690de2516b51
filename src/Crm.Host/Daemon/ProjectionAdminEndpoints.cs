using Crm.EventStore.Daemon;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Daemon;

/// <summary>
/// /api/admin/projections: the async read models' state, lag and dead letters, and the operator's triggers — a rebuild, and a replay
/// of dead letters (a rebuild of each read model that has some: the only replay that keeps a folded read model right). Both are
/// carried out by the read model's leader, in whichever host leads it; the answer is 202 and the state shows the progress.
/// </summary>
public static class ProjectionAdminEndpoints
{
    public const string Route = "/api/admin/projections";

    public static RouteGroupBuilder MapProjectionAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("Read models").RequireAuthorization();
        group.MapGet("/", ListReadModels).WithName("ListReadModels").RequirePermission("projection.list").Documented(ProjectionAdminApiDocs.List);
        group.MapGet("/{name}", GetReadModel).WithName("GetReadModel").RequirePermission("projection.list").Documented(ProjectionAdminApiDocs.Get);
        group.MapGet("/{name}/dead-letters", ListDeadLetters).WithName("ListReadModelDeadLetters").RequirePermission("projection.list")
            .Documented(ProjectionAdminApiDocs.DeadLetters);
        group.MapPost("/{name}/rebuild", RebuildReadModel).WithName("RebuildReadModel").RequirePermission("projection.rebuild")
            .Documented(ProjectionAdminApiDocs.Rebuild);
        group.MapPost("/replay-dead-letters", ReplayDeadLetters).WithName("ReplayDeadLetters").RequirePermission("projection.rebuild")
            .Documented(ProjectionAdminApiDocs.Replay);
        return group;
    }

    /// <summary>Every async read model's state.</summary>
    private static async Task<Ok<ReadModelList>> ListReadModels(ProjectionDaemon daemon, CancellationToken ct) =>
        TypedResults.Ok(new ReadModelList([.. (await daemon.StatusAsync(ct)).Select(ReadModelState.From)]));

    /// <summary>One read model's state.</summary>
    /// <param name="name">The read model's name, as listed.</param>
    private static async Task<Results<Ok<ReadModelState>, ProblemHttpResult>> GetReadModel(string name, ProjectionDaemon daemon, CancellationToken ct) =>
        await StateAsync(daemon, name, ct) is { } state ? TypedResults.Ok(state) : NotFound(name);

    /// <summary>A read model's dead letters, oldest first (at most 1,000).</summary>
    /// <param name="name">The read model's name, as listed.</param>
    /// <param name="resolved">true: also those a rebuild has since applied.</param>
    private static async Task<Results<Ok<ReadModelDeadLetterList>, ProblemHttpResult>> ListDeadLetters(string name, bool? resolved,
        ProjectionDaemon daemon, CancellationToken ct)
    {
        if (!daemon.ProjectionNames.Contains(name)) return NotFound(name);
        var letters = await daemon.DeadLettersAsync(name, resolved ?? false, ct: ct);
        return TypedResults.Ok(new ReadModelDeadLetterList([.. letters.Select(ReadModelDeadLetter.From)]));
    }

    /// <summary>Rebuild a read model from the events.</summary>
    /// <param name="name">The read model's name, as listed.</param>
    private static async Task<Results<Accepted<ReadModelState>, ProblemHttpResult>> RebuildReadModel(string name, ProjectionDaemon daemon,
        CancellationToken ct)
    {
        if (!daemon.ProjectionNames.Contains(name)) return NotFound(name);
        await daemon.RequestRebuildAsync(name, ct);
        return TypedResults.Accepted($"{Route}/{Uri.EscapeDataString(name)}", (await StateAsync(daemon, name, ct))!);
    }

    /// <summary>Replay the dead letters: rebuild every read model that has open ones.</summary>
    private static async Task<Accepted<DeadLetterReplay>> ReplayDeadLetters(ProjectionDaemon daemon, CancellationToken ct)
    {
        var names = (await daemon.StatusAsync(ct)).Where(s => s.DeadLetters > 0).Select(s => s.Name).ToList();
        foreach (var name in names) await daemon.RequestRebuildAsync(name, ct);
        var states = (await daemon.StatusAsync(ct)).Where(s => names.Contains(s.Name)).Select(ReadModelState.From).ToList();
        return TypedResults.Accepted(Route, new DeadLetterReplay(states));
    }

    private static async Task<ReadModelState?> StateAsync(ProjectionDaemon daemon, string name, CancellationToken ct) =>
        daemon.ProjectionNames.Contains(name) && (await daemon.StatusAsync(ct)).FirstOrDefault(s => s.Name == name) is { } status
            ? ReadModelState.From(status)
            : null;

    private static ProblemHttpResult NotFound(string name) =>
        DomainError.NotFound("read_model_not_found", $"There is no async read model named '{CleanName(name)}'; GET {Route} lists them.").ToProblem();

    /// <summary>The name as sent goes back in the message only when it is short and printable.</summary>
    private static string CleanName(string name) => name.Length <= 100 && name.All(c => !char.IsControl(c)) ? name : "(unprintable)";
}
