using Crm.Events;
using Crm.Events.Scenes;

namespace Crm.Write.Scenes;

/// <summary>One of the owner's other scenes of the same kind, as the read model shows them (for the unique-name and one-default rules).</summary>
public sealed record SceneSibling(Guid Id, string Name, bool IsDefault, int Order);

/// <summary>
/// What a scene shows. The host checks the filter tree and sort against the kind's list (the same
/// checks its search endpoint makes) and hands every fault over in <paramref name="Faults"/>; the
/// decider refuses the command when there is any.
/// </summary>
/// <param name="Filter">The filter tree's JSON; null: no filter.</param>
/// <param name="Sort">The canonical sort (e.g. -updatedAt).</param>
public sealed record SceneView(string? Filter, string Sort, string? Q, IReadOnlyList<FieldError> Faults);

/// <summary>Save a list view for the acting user (CommandContext.ActorId).</summary>
public sealed record CreateScene(Guid SceneId, string? Kind, string? Name, SceneView View, bool MakeDefault, IReadOnlyList<SceneSibling> Siblings);

/// <summary>Change a scene; null leaves a part as it is. <paramref name="View"/> is the whole view after the change.</summary>
public sealed record EditScene(Guid SceneId, string? Name, SceneView? View, int? Order, IReadOnlyList<SceneSibling> Siblings);

/// <summary>Make a scene its owner's default for its kind; <paramref name="PreviousDefault"/> is the current default's stream, loaded.</summary>
public sealed record MakeSceneDefault(Guid SceneId, SceneState? PreviousDefault);

/// <summary>The scene stops being its owner's default for its kind; no other scene becomes it.</summary>
public sealed record ClearSceneDefault(Guid SceneId);

public sealed record DeleteScene(Guid SceneId);

public sealed record SceneState(bool Exists, Guid Id, Guid OwnerId, string Kind, string Name, string? Filter, string Sort, string? Q, int Order, bool IsDefault)
{
    public static SceneState None { get; } = new(false, Guid.Empty, Guid.Empty, "", "", null, "", null, 0, false);

    public static SceneState Evolve(SceneState state, object @event) => @event switch
    {
        SceneCreated e => new SceneState(true, e.SceneId, e.OwnerId, e.Kind, e.Name, e.Filter, e.Sort, e.Q, e.Order, false),
        SceneRenamed e => state with { Name = e.NewName },
        SceneFilterChanged e => e.Changes.Aggregate(state, (s, c) => c.Field switch
        {
            "filter" => s with { Filter = c.New },
            "sort" => s with { Sort = c.New ?? "" },
            "q" => s with { Q = c.New },
            "order" => s with { Order = int.Parse(c.New ?? "0", System.Globalization.CultureInfo.InvariantCulture) },
            _ => s,
        }),
        SceneMadeDefault => state with { IsDefault = true },
        SceneDefaultCleared => state with { IsDefault = false },
        SceneDeleted => state with { Exists = false, IsDefault = false },
        _ => state,
    };
}

/// <summary>
/// The scene decider (LEAD-6, CUS-9): one saved list view per stream. A name is unique per owner and
/// kind (case-insensitively); at most one scene per owner and kind is the default, so making one the
/// default clears the previous one in the same append.
/// </summary>
public static class Scene
{
    public const string StreamType = "scene";
    public const int MaxNameLength = 60;
    public const int MaxQLength = 200;
    public const int MaxOrder = 10_000;

    public static IReadOnlyList<string> Kinds { get; } = ["leads", "customers", "contacts"];

    public static Decider<SceneState> Decider { get; } = new(StreamType, SceneState.None, SceneState.Evolve);

    public static MultiStreamDecision Decide(CreateScene command, SceneState state, CommandContext context)
    {
        if (state.Exists || state.Id != Guid.Empty) return DomainError.Conflict("scene_exists", $"Scene {command.SceneId} already exists.", "id");
        if (context.ActorId is not { } owner) return DomainError.Unprocessable("actor", "owner_unknown", "Only a signed-in user saves scenes.");
        var faults = new List<FieldError>();
        if (command.Kind is null || !Kinds.Contains(command.Kind))
            faults.Add(new FieldError("kind", "kind_unknown", $"kind is one of {string.Join(", ", Kinds)}."));
        var name = CheckName(command.Name, faults);
        CheckView(command.View, faults);
        if (DomainError.Invalid(faults) is { } invalid) return invalid;
        if (Taken(name!, command.SceneId, command.Siblings) is { } taken) return taken;

        var order = command.Siblings.Count == 0 ? 0 : command.Siblings.Max(s => s.Order) + 1;
        var created = new SceneCreated(command.SceneId, owner, command.Kind!, name!, command.View.Filter, command.View.Sort, Blank(command.View.Q), order);
        if (!command.MakeDefault) return new MultiStreamDecision([new StreamChange(command.SceneId, StreamType, [created])], null);
        var previous = command.Siblings.FirstOrDefault(s => s.IsDefault && s.Id != command.SceneId);
        return DefaultChanges(command.SceneId, [created], previous?.Id);
    }

    public static Decision Decide(EditScene command, SceneState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.SceneId);
        var faults = new List<FieldError>();
        var name = command.Name is null ? state.Name : CheckName(command.Name, faults);
        if (command.View is { } view) CheckView(view, faults);
        if (command.Order is < 0 or > MaxOrder) faults.Add(new FieldError("order", "order_out_of_range", $"order is 0 to {MaxOrder}."));
        if (DomainError.Invalid(faults) is { } invalid) return invalid;

        var events = new List<object>();
        if (name != state.Name)
        {
            if (Taken(name!, state.Id, command.Siblings) is { } taken) return taken;
            events.Add(new SceneRenamed(state.Id, state.Name, name!));
        }
        var changes = new List<FieldChange>();
        if (command.View is { } v)
        {
            if (v.Filter != state.Filter) changes.Add(new FieldChange("filter", state.Filter, v.Filter));
            if (v.Sort != state.Sort) changes.Add(new FieldChange("sort", state.Sort, v.Sort));
            if (Blank(v.Q) != state.Q) changes.Add(new FieldChange("q", state.Q, Blank(v.Q)));
        }
        if (command.Order is { } order && order != state.Order)
            changes.Add(new FieldChange("order", state.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
                order.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (changes.Count > 0) events.Add(new SceneFilterChanged(state.Id, changes));
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    /// <summary>The scene gets scene.made-default; the previous default (if it still is one) gets scene.default-cleared, appended first.</summary>
    public static MultiStreamDecision Decide(MakeSceneDefault command, SceneState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.SceneId);
        if (state.IsDefault) return new MultiStreamDecision([], null);
        var previous = command.PreviousDefault is { Exists: true, IsDefault: true } p && p.Id != state.Id && p.OwnerId == state.OwnerId
            && p.Kind == state.Kind ? p : null;
        return DefaultChanges(state.Id, [], previous?.Id);
    }

    /// <summary>scene.default-cleared with no successor; nothing when the scene is not the default.</summary>
    public static Decision Decide(ClearSceneDefault command, SceneState state, CommandContext context) =>
        !state.Exists ? NotFound(command.SceneId)
        : state.IsDefault ? Decision.Accept(new SceneDefaultCleared(state.Id, null))
        : Decision.Nothing;

    public static Decision Decide(DeleteScene command, SceneState state, CommandContext context) =>
        state.Exists ? Decision.Accept(new SceneDeleted(state.Id, state.Name)) : NotFound(command.SceneId);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("scene_not_found", $"Scene {id} does not exist.");

    private static MultiStreamDecision DefaultChanges(Guid sceneId, List<object> before, Guid? previousId)
    {
        var changes = new List<StreamChange>();
        // The previous default is cleared first, so no moment (and no row of the read model) has two defaults.
        if (previousId is { } old) changes.Add(new StreamChange(old, StreamType, [new SceneDefaultCleared(old, sceneId)]));
        changes.Add(new StreamChange(sceneId, StreamType, [.. before, new SceneMadeDefault(sceneId, previousId)]));
        return new MultiStreamDecision(changes, null);
    }

    private static string? CheckName(string? raw, List<FieldError> faults)
    {
        var name = raw?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            faults.Add(new FieldError("name", "name_invalid", $"name has 1 to {MaxNameLength} characters."));
            return null;
        }
        return name;
    }

    private static void CheckView(SceneView view, List<FieldError> faults)
    {
        faults.AddRange(view.Faults);
        if (view.Q is { Length: > MaxQLength }) faults.Add(new FieldError("q", "q_too_long", $"q has at most {MaxQLength} characters."));
    }

    private static DomainError? Taken(string name, Guid self, IReadOnlyList<SceneSibling> siblings) =>
        siblings.Any(s => s.Id != self && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ? DomainError.Conflict("scene_name_taken", $"You already have a scene named '{name}' for this kind.", "name")
            : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
