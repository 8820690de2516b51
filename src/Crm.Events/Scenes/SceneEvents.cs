namespace Crm.Events.Scenes;

// A scene (场景) is one user's saved list view for one record kind. Its events carry old values next
// to new ones, so the operation log shows "old → new" from each event alone. A scene stores a filter,
// never a data scope: applying it always runs inside the caller's current scope.

/// <summary>A user saved a list view: <paramref name="Kind"/> is leads, customers or contacts; <paramref name="Filter"/> is the filter tree's JSON
/// (null: no filter).</summary>
public sealed record SceneCreated(Guid SceneId, Guid OwnerId, string Kind, string Name, string? Filter, string Sort, string? Q, int Order);

/// <summary>The scene's name changed.</summary>
public sealed record SceneRenamed(Guid SceneId, string OldName, string NewName);

/// <summary>What the scene shows changed: each change names filter, sort, q or order with its old and new value.</summary>
public sealed record SceneFilterChanged(Guid SceneId, IReadOnlyList<FieldChange> Changes);

/// <summary>The scene became its owner's default for its kind; <paramref name="PreviousDefaultId"/> lost it in the same append.</summary>
public sealed record SceneMadeDefault(Guid SceneId, Guid? PreviousDefaultId);

/// <summary>The scene is no longer its owner's default; <paramref name="NewDefaultId"/> took over in the same append (null: none).</summary>
public sealed record SceneDefaultCleared(Guid SceneId, Guid? NewDefaultId);

/// <summary>The scene was deleted; its stream stays as the audit trail.</summary>
public sealed record SceneDeleted(Guid SceneId, string Name);
