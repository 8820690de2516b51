namespace Crm.EventStore;

/// <summary>
/// An erasure of personal data riding on an append (<see cref="AppendOptions.Erasure"/>): in the append's transaction, every event of
/// <see cref="StreamId"/> before the erasure's own gets the data <see cref="Mask"/> returns for it. The store knows nothing of what is
/// personal: the caller's mask does. The store records the erasure in es.erasures (its event, <see cref="Fields"/>, the events masked),
/// deletes the stream's snapshot and forgets the request fingerprints of the commands that wrote to the stream.
/// </summary>
/// <param name="Fields">The fields erased, by name (never values), for the es.erasures audit row.</param>
/// <param name="Mask">The event's data with its personal values masked, in the same JSON shape; null when it holds none.</param>
public sealed record StreamErasure(Guid StreamId, IReadOnlyList<string> Fields, Func<ErasableEvent, string?> Mask);

/// <summary>One stored event as an erasure's mask sees it: its type and schema version as stored, its data as stored JSON.</summary>
public sealed record ErasableEvent(Guid EventId, long Version, string EventType, int SchemaVersion, string Data);
