namespace Crm.EventStore.Daemon;

public sealed record DaemonOptions
{
    /// <summary>Events read per batch in continuous mode, once caught up.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Events read per batch while rebuilding, or catching up after a full batch (larger: nobody waits on a single event).</summary>
    public int RebuildBatchSize { get; init; } = 5000;

    /// <summary>How long a caught-up runner sleeps when no notification wakes it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a stand-by tries to take over leadership of a projection.</summary>
    public TimeSpan LeaderRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts at a failing batch (and then at each of its events) before an event is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Where the leaders' connections come from (they hold a session advisory lock): a data source that resets connections
    /// when they return to its pool, so a lock a failed unlock left behind is dropped. Null: the store's own data source.
    /// </summary>
    public Npgsql.NpgsqlDataSource? LeaderDataSource { get; init; }
}
