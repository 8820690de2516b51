namespace Crm.EventStore.Daemon;

/// <summary>
/// A projection stopped (status failed) instead of skipping: too many events in a row failed, or the code and the database disagree.
/// </summary>
public sealed class ProjectionFailedException(string projection, GlobalPosition position, string eventType, Exception inner)
    : Exception($"Projection '{projection}' failed on {eventType} at {position}: {inner.Message}", inner)
{
    public string Projection { get; } = projection;
    public GlobalPosition Position { get; } = position;
}

/// <summary>Another runner moved the checkpoint first; this runner's batch was rolled back.</summary>
internal sealed class CheckpointFencedException(string projection)
    : Exception($"The checkpoint of '{projection}' was moved by another runner.");

/// <summary>
/// This node let go of a projection it cannot run: it failed here and may not be retried yet, or the feed holds an event of a schema
/// version newer than this build knows (a newer node must project it).
/// </summary>
public sealed class ProjectionStoodDownException(string projection, string reason)
    : InvalidOperationException($"Projection '{projection}' stood down on this node: {reason}")
{
    public string Projection { get; } = projection;
}
