namespace Crm.EventStore.Daemon;

/// <summary>
/// Where an async projection stands. <see cref="EventsBehind"/> counts committed events after its
/// checkpoint (capped at <see cref="ProjectionStatusQuery.BehindCap"/>); <see cref="TimeBehind"/> is the
/// age of the oldest of them, zero when caught up. <see cref="DeadLetters"/> counts the open ones (not resolved by a rebuild);
/// <see cref="LastError"/> says why it failed, or, while it runs, what it is retrying or why a node stood down.
/// </summary>
public sealed record ProjectionStatus(
    string Name, string Status, GlobalPosition Checkpoint, long EventsProcessed,
    long EventsBehind, TimeSpan TimeBehind, long DeadLetters, string? LastError)
{
    /// <summary>
    /// Runs in the append's transaction: never behind, no checkpoint, no dead letters; its status is that of its last blue/green
    /// rebuild (<see cref="EventsProcessed"/> counts that rebuild's events), running when there was none.
    /// </summary>
    public bool Inline { get; init; }

    /// <summary>An inline read model new on this database, being filled from the events before appends apply it.</summary>
    public bool Backfilling { get; init; }
}

/// <summary>Checkpoint states.</summary>
public static class ProjectionState
{
    public const string Running = "running";
    public const string RebuildRequested = "rebuild_requested";
    public const string Rebuilding = "rebuilding";
    public const string Failed = "failed";
}
