using Crm.EventStore;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Scenes;
using Crm.Write;
using Crm.Write.Scenes;
using Npgsql;

namespace Crm.Host.Scenes;

/// <summary>
/// Runs the scene commands for the signed-in user: another user's scene answers 404, as if it did not
/// exist. Creating a default and making one the default touch two streams (the new default and the
/// previous one), appended in one transaction at the versions loaded.
/// </summary>
public sealed class SceneCommands(CommandHandler handler, EventStore.EventStore store, SceneQueries scenes, TimeProvider clock)
{
    public async Task<CommandOutcome> CreateAsync(Guid id, CreateSceneRequest body, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        var kind = body.Kind ?? "";
        var view = SceneKinds.IsKind(kind) ? SceneKinds.View(kind, body.Filter, body.Sort, body.Q) : new SceneView(null, "", body.Q, []);
        return await MultiStreamAsync(id, request, async t =>
        {
            var siblings = await SiblingsAsync(caller.ActorId, kind, t);
            var versions = await DefaultVersionsAsync(siblings, t);
            var loaded = await LoadAsync(id, t);
            if (loaded.Version > 0) return MultiStreamPlan.Refuse(TakenIds.Refusal());
            var decision = Scene.Decide(new CreateScene(id, body.Kind, body.Name, view, body.IsDefault == true, siblings), loaded.State, Context(request));
            return new MultiStreamPlan(decision, versions, loaded.Version);
        }, ct);
    }

    public Task<CommandOutcome> EditAsync(Guid id, UpdateSceneRequest body, CallerAccess caller, CommandRequest request, CancellationToken ct) =>
        OwnAsync(id, caller, request, async (state, t) =>
        {
            var changesView = body.Filter.ValueKind != System.Text.Json.JsonValueKind.Undefined || body.Sort is not null || body.Q is not null;
            SceneView? view = null;
            if (changesView)
            {
                var filter = body.Filter.ValueKind == System.Text.Json.JsonValueKind.Undefined
                    ? (state.Filter is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(state.Filter))
                    : body.Filter;
                view = SceneKinds.View(state.Kind, filter, body.Sort ?? state.Sort, body.Q ?? state.Q);
                // Faults of the stored part are not the client's: only what was sent is checked by name.
                if (body.Filter.ValueKind == System.Text.Json.JsonValueKind.Undefined) view = view with { Faults = [.. view.Faults.Where(f => !f.Field.StartsWith("filter", StringComparison.Ordinal))] };
            }
            var siblings = body.Name is null ? [] : await SiblingsAsync(state.OwnerId, state.Kind, t);
            return Scene.Decide(new EditScene(id, body.Name, view, body.Order, siblings), state, Context(request));
        }, ct);

    public Task<CommandOutcome> DeleteAsync(Guid id, CallerAccess caller, CommandRequest request, CancellationToken ct) =>
        OwnAsync(id, caller, request, (state, _) => ValueTask.FromResult(Scene.Decide(new DeleteScene(id), state, Context(request))), ct);

    public Task<CommandOutcome> ClearDefaultAsync(Guid id, CallerAccess caller, CommandRequest request, CancellationToken ct) =>
        OwnAsync(id, caller, request, (state, _) => ValueTask.FromResult(Scene.Decide(new ClearSceneDefault(id), state, Context(request))), ct);

    public async Task<CommandOutcome> MakeDefaultAsync(Guid id, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        var row = await scenes.GetAsync(id, ct);
        if (row is null || row.OwnerId != caller.ActorId) return CommandOutcome.Refused(id, Scene.NotFound(id));
        return await MultiStreamAsync(id, request, async t =>
        {
            var (state, version) = await LoadAsync(id, t);
            if (request.ExpectedVersion is { } expected && version > 0 && expected != version)
                return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));
            var siblings = await SiblingsAsync(state.OwnerId, state.Kind, t);
            var versions = await DefaultVersionsAsync(siblings, t);
            versions[id] = version;
            var previous = siblings.FirstOrDefault(s => s.IsDefault && s.Id != id) is { } p ? (await LoadAsync(p.Id, t)).State : null;
            var decision = Scene.Decide(new MakeSceneDefault(id, previous), state, Context(request));
            return new MultiStreamPlan(decision, versions, version);
        }, ct);
    }

    /// <summary>The scene as the command left it, folded from its stream at that version.</summary>
    public async Task<SceneRow> WrittenAsync(Guid id, long version, CancellationToken ct) =>
        await store.ReadAsOfAsync<SceneRow>(id, version, null, SceneRow.Evolve, ct)
        ?? throw new InvalidOperationException($"Scene {id} has no version {version} after a successful command.");

    /// <summary>The caller's own scene, or null (someone else's scene is never confirmed).</summary>
    public async Task<SceneRow?> OwnAsync(Guid id, CallerAccess caller, CancellationToken ct) =>
        await scenes.GetAsync(id, ct) is { } row && row.OwnerId == caller.ActorId ? row : null;

    private async Task<CommandOutcome> OwnAsync(Guid id, CallerAccess caller, CommandRequest request, Func<SceneState, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct)
    {
        // Checked before the handler too, so a stale If-Match on someone else's scene answers 404, not 412.
        if (await OwnAsync(id, caller, ct) is null) return CommandOutcome.Refused(id, Scene.NotFound(id));
        try
        {
            return await handler.HandleAsync(Scene.Decider, id, (state, _, t) =>
                state.Exists && state.OwnerId != caller.ActorId ? ValueTask.FromResult(Decision.Refuse(Scene.NotFound(id))) : decide(state, t), request, ct);
        }
        catch (PostgresException e) when (Violates(e))
        {
            return CommandOutcome.Refused(id, Raced(e));
        }
    }

    /// <summary>Decide and append several scenes at once; a unique rule of crm.scenes broken by a racing request is a lost race too.</summary>
    private Task<CommandOutcome> MultiStreamAsync(Guid id, CommandRequest request, Func<CancellationToken, Task<MultiStreamPlan>> plan, CancellationToken ct) =>
        handler.HandleManyAsync(id, plan, request, ct,
            // A new scene's id taken between the load and the append (only a create starts the scene's stream).
            refusal: e => e is ConcurrencyException c && c.StreamId == id && c.Expected == ExpectedVersion.NoStream ? TakenIds.Refusal() : null,
            lostRace: e => e is PostgresException p && Violates(p) ? Raced(p) : null);

    private async Task<IReadOnlyList<SceneSibling>> SiblingsAsync(Guid owner, string kind, CancellationToken ct) =>
        SceneKinds.IsKind(kind) ? (await scenes.OfOwnerAsync(owner, kind, ct)).Select(s => new SceneSibling(s.Id, s.Name, s.IsDefault, s.Order)).ToList() : [];

    /// <summary>The current default's stream version: a default that changes meanwhile makes the append lose the race.</summary>
    private async Task<Dictionary<Guid, long>> DefaultVersionsAsync(IReadOnlyList<SceneSibling> siblings, CancellationToken ct)
    {
        var versions = new Dictionary<Guid, long>();
        foreach (var s in siblings.Where(s => s.IsDefault)) versions[s.Id] = (await LoadAsync(s.Id, ct)).Version;
        return versions;
    }

    private async Task<(SceneState State, long Version)> LoadAsync(Guid id, CancellationToken ct) =>
        await store.AggregateStreamAsync(id, Scene.Decider.Initial, (s, e) => Scene.Decider.Evolve(s, e.Data), ct: ct) ?? (Scene.Decider.Initial, 0);

    private CommandContext Context(CommandRequest request) => CommandRequests.Context(clock, request);

    /// <summary>A scene rule broken by a racing request, found by crm.scenes' constraints at commit.</summary>
    private static bool Violates(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation && e.ConstraintName?.StartsWith("scenes_", StringComparison.Ordinal) == true;

    private static DomainError Raced(PostgresException e) => e.ConstraintName == "scenes_owner_kind_name"
        ? DomainError.Conflict("scene_name_taken", "You already have a scene with this name for this kind.", "name")
        : DomainError.Conflict("concurrent_change", "Your scenes changed while this command ran; try again.");
}
