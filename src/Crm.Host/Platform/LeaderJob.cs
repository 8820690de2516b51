using Npgsql;

namespace Crm.Host.Platform;

/// <summary>
/// A periodic job every host runs and one leads (the pool's recycling, the payment reminders): the leader holds a PostgreSQL advisory
/// lock named <see cref="LockName"/> on a connection of its own (as the projection daemon's leaders do) and runs
/// <see cref="RunOnceAsync"/> every <see cref="Interval"/>; the others try again every <see cref="LeaderRetry"/>. A failed run is
/// logged and tried again: it never stops the host. Waits use the injected clock, so tests control it.
/// </summary>
public abstract partial class LeaderJob(LeadershipDataSource leaders, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected abstract string LockName { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract TimeSpan LeaderRetry { get; }

    protected abstract bool Enabled { get; }

    /// <summary>Runs completed by this host while leading (tests wait on it).</summary>
    public long CompletedRuns => Interlocked.Read(ref completedRuns);

    private long completedRuns;

    /// <summary>
    /// One pass; <paramref name="stillLeading"/>, when given, throws when this host no longer leads — a pass calls it before each step
    /// that another leader must not repeat.
    /// </summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct, Func<CancellationToken, Task>? stillLeading = null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeadWhileHoldingLockAsync(stoppingToken);
                await Task.Delay(LeaderRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RunFailed(logger, LockName, e);
                try { await Task.Delay(LeaderRetry, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task LeadWhileHoldingLockAsync(CancellationToken ct)
    {
        await using var connection = await leaders.DataSource.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended(@name, 0))", connection))
        {
            tryLock.Parameters.Add(new NpgsqlParameter<string>("name", LockName));
            if (!(bool)(await tryLock.ExecuteScalarAsync(ct))!) return;
        }
        Leading(logger, LockName);
        try
        {
            // Leadership ends with the connection (losing it drops the session lock) or when the host stops.
            while (!ct.IsCancellationRequested)
            {
                await StillLeadingAsync(connection, ct);
                await RunOnceAsync(ct, t => StillLeadingAsync(connection, t));
                Interlocked.Increment(ref completedRuns);
                await Task.Delay(Interval, clock, ct);
            }
        }
        finally
        {
            // Hand leadership over at once rather than when the pooled connection is next reset.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended(@name, 0))", connection);
                unlock.Parameters.Add(new NpgsqlParameter<string>("name", LockName));
                try { await unlock.ExecuteScalarAsync(CancellationToken.None); }
                catch (NpgsqlException) { /* the connection is gone, and the lock with it */ }
            }
        }
    }

    /// <summary>
    /// The lock lives as long as its connection: a query on it answers within seconds (the leaders' connections keep alive), or
    /// throws — and the pass stops before its next step, since another host may lead by now.
    /// </summary>
    private static async Task StillLeadingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var alive = new NpgsqlCommand("select 1", connection) { CommandTimeout = LeadershipDataSource.KeepAliveSeconds };
        await alive.ExecuteScalarAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This host now leads the job {Job}")]
    private static partial void Leading(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run of the job {Job} failed; retrying")]
    private static partial void RunFailed(ILogger logger, string job, Exception e);
}
