using Crm.EventStore.Daemon;
using Crm.Host.Platform;

namespace Crm.Host.Daemon;

/// <summary>
/// A read model's state. An async one: where its checkpoint is, how far behind, its open dead letters and its last error. An inline
/// one (kept in the append's transaction: never behind, no checkpoint — "0-0") shows its last rebuild's state and events.
/// </summary>
/// <param name="Kind">inline: kept by every append; async: kept by the projection daemon.</param>
/// <param name="Checkpoint">The feed position it has projected up to, "transaction-sequence", both hexadecimal (as in the event feed).</param>
/// <param name="SecondsBehind">Age of the oldest event it has not projected yet; 0 when caught up.</param>
/// <param name="EventsBehind">Events after the checkpoint, counted up to 100,000.</param>
/// <param name="LastError">Why it failed; while it runs, what it is retrying or why a node stood down.</param>
public sealed record ReadModelState(
    string Name,
    [property: WireValues("inline", "async")] string Kind,
    [property: WireValues(ProjectionState.Running, ProjectionState.RebuildRequested, ProjectionState.Rebuilding, ProjectionState.Failed)] string Status,
    string Checkpoint, long EventsProcessed, long EventsBehind, double SecondsBehind, long OpenDeadLetters, string? LastError)
{
    public static ReadModelState From(ProjectionStatus s) => new(s.Name, s.Inline ? "inline" : "async", s.Status, s.Checkpoint.ToString(),
        s.EventsProcessed, s.EventsBehind, Math.Round(s.TimeBehind.TotalSeconds, 1), s.DeadLetters, s.LastError);
}

public sealed record ReadModelList(IReadOnlyList<ReadModelState> Items);

/// <summary>An event the read model gave up on: the event, how often it was tried, the error's message, and whether a rebuild resolved it.</summary>
public sealed record ReadModelDeadLetter(
    string Position, Guid EventId, Guid StreamId, string EventType, int Attempts, string Error, DateTimeOffset FailedAt, DateTimeOffset? ResolvedAt)
{
    public static ReadModelDeadLetter From(DeadLetterRecord d) =>
        new(d.Position.ToString(), d.EventId, d.StreamId, d.EventType, d.Attempts, d.Error, d.FailedAt, d.ResolvedAt);
}

public sealed record ReadModelDeadLetterList(IReadOnlyList<ReadModelDeadLetter> Items);

/// <summary>The read models a replay of dead letters asked to rebuild (those with open dead letters).</summary>
public sealed record DeadLetterReplay(IReadOnlyList<ReadModelState> Rebuilding);

/// <summary>Which read model to rebuild.</summary>
/// <param name="Projection">Its name, as GET /api/admin/projections lists it.</param>
public sealed record RebuildReadModelRequest([property: MustSend] string? Projection);
