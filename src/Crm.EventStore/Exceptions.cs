namespace Crm.EventStore;

/// <summary>An append found a stream at another version than it expected.</summary>
public sealed class ConcurrencyException(Guid streamId, ExpectedVersion expected, long actual)
    : Exception($"Stream {streamId} was expected at {expected} but is at version {actual}.")
{
    public Guid StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The stream's version when the append failed; 0 when it does not exist.</summary>
    public long Actual { get; } = actual;
}

/// <summary>An append targeted an archived stream.</summary>
public sealed class StreamArchivedException(Guid streamId) : Exception($"Stream {streamId} is archived and takes no more events.")
{
    public Guid StreamId { get; } = streamId;
}

/// <summary>An idempotency key was reused for a different request.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request.")
{
    public string Key { get; } = key;
}

/// <summary>An event type name, CLR type or upcaster chain is missing or ambiguous.</summary>
public sealed class EventTypeException(string message) : Exception(message);

/// <summary>
/// The server hands out transaction ids at or below the newest event's: new events would sort before events already projected and
/// never be seen. Happens after a logical restore (pg_dump, pg_restore) into another cluster; ops/restore moves the counter on.
/// </summary>
public sealed class TransactionOrderException(ulong newestEvent, ulong nextTransaction) : Exception(
    $"The event store's newest event was written in transaction {newestEvent}, but this server's next transaction id is {nextTransaction}: " +
    "new events would sort before events already read and never be seen. The database was restored from a logical dump into another " +
    "cluster. Restore it with ops/restore (it moves the server's transaction counter past the newest event), or from a physical backup " +
    "(pg_basebackup, point-in-time recovery), which keeps the transaction ids. See docs/event-store.md, \"Backup and restore\".")
{
    public ulong NewestEvent { get; } = newestEvent;
    public ulong NextTransaction { get; } = nextTransaction;
}
