namespace Crm.EventStore.Daemon;

/// <summary>A projection could not apply an event while rebuilding (rebuilds fail fast instead of dead-lettering).</summary>
public sealed class ProjectionFailedException(string projection, GlobalPosition position, string eventType, Exception inner)
    : Exception($"Projection '{projection}' failed on {eventType} at {position}: {inner.Message}", inner)
{
    public string Projection { get; } = projection;
    public GlobalPosition Position { get; } = position;
}

/// <summary>Another runner moved the checkpoint first; this runner's batch was rolled back.</summary>
internal sealed class CheckpointFencedException(string projection)
    : Exception($"The checkpoint of '{projection}' was moved by another runner.");
