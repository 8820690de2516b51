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

    /// <summary>A transient failure (deadlock, timeout, full disk) is retried without end, its delay doubling up to this.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Events in a row that fail every attempt before the projection stops (status failed) instead of dead-lettering another: past
    /// this it is the code or the data of a whole kind that is wrong, not one event.
    /// </summary>
    public int PoisonLimit { get; init; } = 10;

    /// <summary>How long a node that stood down (its projection failed, or the feed holds events newer than its build) waits to lead again.</summary>
    public TimeSpan StandDownInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Names this build in a failed projection's record: a node of another build tries it again at once, one of the same build only
    /// once started after the failure. Null: the projection's assembly version id (a deterministic build's hash of its code).
    /// </summary>
    public string? Build { get; init; }

    /// <summary>
    /// Where the leaders' connections come from (they hold a session advisory lock): a data source that resets connections
    /// when they return to its pool, so a lock a failed unlock left behind is dropped. Null: the store's own data source.
    /// </summary>
    public Npgsql.NpgsqlDataSource? LeaderDataSource { get; init; }

    /// <summary>How inline projections are rebuilt into shadow tables (Rebuilds/ShadowRebuild.cs).</summary>
    public Rebuilds.ShadowRebuildOptions ShadowRebuild { get; init; } = new();
}
