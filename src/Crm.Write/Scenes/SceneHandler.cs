using System.Text.Json;
using Crm.EventStore;
using Crm.Projections.Scenes;
using Npgsql;

namespace Crm.Write.Scenes;

/// <summary>Save a list view as a scene; <paramref name="SceneId"/> is the client's choice when not null.</summary>
public sealed record SaveScene(Guid? SceneId, string? Kind, string? Name, JsonElement? Filter, string? Sort, string? Q, bool MakeDefault);

/// <summary>Change a scene: what is null stays; a <paramref name="Filter"/> left undefined (not sent) stays, a JSON null removes it.</summary>
public sealed record ChangeScene(Guid SceneId, string? Name, JsonElement Filter, string? Sort, string? Q, int? Order);

/// <summary>Make a scene its owner's default for its kind (the previous default stops being one).</summary>
public sealed record ChooseDefaultScene(Guid SceneId);

/// <summary>
/// The scene commands (LEAD-6, CUS-9) for the signed-in user: another user's scene answers 404, as if it
/// did not exist (<see cref="SceneReach"/>, applied to the scene as its stream has it). Creating a default and
/// making one the default touch two streams (the new default and the previous one), appended in one
/// transaction at the versions loaded; unique rules of the scenes table broken by a racing request are a lost race.
/// </summary>
public sealed class SceneHandler(
    CommandHandler handler, EventStore.EventStore store, SceneQueries scenes, TimeProvider clock, Projections.CustomFields.KindFields? kindFields = null)
{
    /// <summary>A customer scene may filter on the customer custom fields (custom.&lt;key&gt;, SET-1), as the customer list does.</summary>
    private async Task<IReadOnlyList<Projections.Filtering.FilterField>?> FieldsAsync(string kind, CancellationToken ct) =>
        kind == "customers" && kindFields is not null ? await kindFields.FilterableAsync("customer", ct) : null;

    public async Task<CommandOutcome> CreateAsync(SaveScene command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.SceneId ?? Guid.CreateVersion7();
        var kind = command.Kind ?? "";
        var view = SceneViews.IsKind(kind) ? SceneViews.Check(kind, command.Filter, command.Sort, command.Q, await FieldsAsync(kind, ct))
            : new SceneView(null, "", command.Q, []);
        return await MultiStreamAsync(id, request, async t =>
        {
            var siblings = await SiblingsAsync(caller.ActorId, kind, t);
            var versions = await DefaultVersionsAsync(siblings, t);
            var loaded = await LoadAsync(id, t);
            if (loaded.Version > 0) return MultiStreamPlan.Refuse(TakenIds.Refusal());
            var create = new CreateScene(id, command.Kind, command.Name, view, command.MakeDefault, siblings);
            return new MultiStreamPlan(Scene.Decide(create, loaded.State, Context(request)), versions, loaded.Version);
        }, ct);
    }

    public Task<CommandOutcome> EditAsync(ChangeScene command, Caller caller, CommandRequest request, CancellationToken ct) =>
        OwnAsync(command.SceneId, caller, request, async (state, t) =>
        {
            var sentFilter = command.Filter.ValueKind != JsonValueKind.Undefined;
            SceneView? view = null;
            if (sentFilter || command.Sort is not null || command.Q is not null)
            {
                var filter = sentFilter ? command.Filter : SceneViews.FilterOf(state.Filter);
                view = SceneViews.Check(state.Kind, filter, command.Sort ?? state.Sort, command.Q ?? state.Q, await FieldsAsync(state.Kind, t));
                // Faults of the stored part are not the client's: only what was sent is checked by name.
                if (!sentFilter) view = view with { Faults = [.. view.Faults.Where(f => !f.Field.StartsWith("filter", StringComparison.Ordinal))] };
            }
            var siblings = command.Name is null ? [] : await SiblingsAsync(state.OwnerId, state.Kind, t);
            return Scene.Decide(new EditScene(command.SceneId, command.Name, view, command.Order, siblings), state, Context(request));
        }, ct);

    public Task<CommandOutcome> DeleteAsync(DeleteScene command, Caller caller, CommandRequest request, CancellationToken ct) =>
        OwnAsync(command.SceneId, caller, request, (state, _) => ValueTask.FromResult(Scene.Decide(command, state, Context(request))), ct);

    public Task<CommandOutcome> ClearDefaultAsync(ClearSceneDefault command, Caller caller, CommandRequest request, CancellationToken ct) =>
        OwnAsync(command.SceneId, caller, request, (state, _) => ValueTask.FromResult(Scene.Decide(command, state, Context(request))), ct);

    public async Task<CommandOutcome> MakeDefaultAsync(ChooseDefaultScene command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.SceneId;
        // Checked first, so a stale If-Match on someone else's scene answers 404, not 412.
        if (SceneReach.Check(id, (await LoadAsync(id, ct)).State, caller) is { } hidden) return CommandOutcome.Refused(id, hidden);
        return await MultiStreamAsync(id, request, async t =>
        {
            var (state, version) = await LoadAsync(id, t);
            if (SceneReach.Check(id, state, caller) is { } gone) return MultiStreamPlan.Refuse(gone);
            if (request.ExpectedVersion is { } expected && expected != version) return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));
            var siblings = await SiblingsAsync(state.OwnerId, state.Kind, t);
            var versions = await DefaultVersionsAsync(siblings, t);
            versions[id] = version;
            var previous = siblings.FirstOrDefault(s => s.IsDefault && s.Id != id) is { } p ? (await LoadAsync(p.Id, t)).State : null;
            return new MultiStreamPlan(Scene.Decide(new MakeSceneDefault(id, previous), state, Context(request)), versions, version);
        }, ct);
    }

    private async Task<CommandOutcome> OwnAsync(
        Guid id, Caller caller, CommandRequest request, Func<SceneState, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct)
    {
        // Checked before the handler too, so a stale If-Match on someone else's scene answers 404, not 412.
        if (SceneReach.Check(id, (await LoadAsync(id, ct)).State, caller) is { } hidden) return CommandOutcome.Refused(id, hidden);
        try
        {
            return await handler.HandleAsync(Scene.Decider, id, (state, _, t) =>
                SceneReach.Check(id, state, caller) is { } gone ? ValueTask.FromResult(Decision.Refuse(gone)) : decide(state, t), request, ct);
        }
        catch (PostgresException e) when (Violates(e))
        {
            return CommandOutcome.Refused(id, Raced(e));
        }
    }

    /// <summary>Decide and append several scenes at once; a unique rule of the scenes table broken by a racing request is a lost race too.</summary>
    private Task<CommandOutcome> MultiStreamAsync(Guid id, CommandRequest request, Func<CancellationToken, Task<MultiStreamPlan>> plan, CancellationToken ct) =>
        handler.HandleManyAsync(id, plan, request, ct,
            // A new scene's id taken between the load and the append (only a create starts the scene's stream).
            refusal: e => e is ConcurrencyException c && c.StreamId == id && c.Expected == ExpectedVersion.NoStream ? TakenIds.Refusal() : null,
            lostRace: e => e is PostgresException p && Violates(p) ? Raced(p) : null);

    private async Task<IReadOnlyList<SceneSibling>> SiblingsAsync(Guid owner, string kind, CancellationToken ct) =>
        SceneViews.IsKind(kind) ? (await scenes.OfOwnerAsync(owner, kind, ct)).Select(s => new SceneSibling(s.Id, s.Name, s.IsDefault, s.Order)).ToList() : [];

    /// <summary>The current default's stream version: a default that changes meanwhile makes the append lose the race.</summary>
    private async Task<Dictionary<Guid, long>> DefaultVersionsAsync(IReadOnlyList<SceneSibling> siblings, CancellationToken ct)
    {
        var versions = new Dictionary<Guid, long>();
        foreach (var s in siblings.Where(s => s.IsDefault)) versions[s.Id] = (await LoadAsync(s.Id, ct)).Version;
        return versions;
    }

    private async Task<(SceneState State, long Version)> LoadAsync(Guid id, CancellationToken ct) =>
        await store.AggregateStreamAsync(id, Scene.Decider.Initial, (s, e) => Scene.Decider.Evolve(s, e.Data), ct: ct) ?? (Scene.Decider.Initial, 0);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);

    /// <summary>A scene rule broken by a racing request, found by the scenes table's constraints at commit.</summary>
    private static bool Violates(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation
        && e.ConstraintName?.StartsWith("scenes_", StringComparison.Ordinal) == true;

    private static DomainError Raced(PostgresException e) => e.ConstraintName == "scenes_owner_kind_name"
        ? DomainError.Conflict("scene_name_taken", "You already have a scene with this name for this kind.", "name")
        : DomainError.Conflict("concurrent_change", "Your scenes changed while this command ran; try again.");
}
