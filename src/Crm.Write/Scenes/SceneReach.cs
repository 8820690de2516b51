namespace Crm.Write.Scenes;

/// <summary>
/// How a scene is reached: only by its owner. Scenes are private views, not records in a data scope, so
/// no role or team reaches another user's scene; it answers 404 scene_not_found, exactly like a missing one.
/// The owner of a scene never changes, so the check on the stream's state holds for the whole command.
/// </summary>
public static class SceneReach
{
    public static DomainError? Check(Guid id, SceneState state, Caller caller) =>
        state.Exists && state.OwnerId == caller.ActorId ? null : Scene.NotFound(id);

    /// <summary>The same rule on a read-model row's owner (reads).</summary>
    public static bool Reaches(Guid ownerId, Caller caller) => ownerId == caller.ActorId;
}
