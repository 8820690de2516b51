namespace Crm.EventStore.Daemon;

/// <summary>
/// Where an async projection stands. <see cref="EventsBehind"/> counts committed events after its
/// checkpoint (capped at <see cref="ProjectionStatusQuery.BehindCap"/>); <see cref="TimeBehind"/> is the
/// age of the oldest of them, zero when caught up.
/// </summary>
public sealed record ProjectionStatus(
    string Name, string Status, GlobalPosition Checkpoint, long EventsProcessed,
    long EventsBehind, TimeSpan TimeBehind, long DeadLetters, string? LastError);

/// <summary>Checkpoint states.</summary>
public static class ProjectionState
{
    public const string Running = "running";
    public const string RebuildRequested = "rebuild_requested";
    public const string Rebuilding = "rebuilding";
    public const string Failed = "failed";
}
