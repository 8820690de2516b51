using Crm.EventStore;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.Pool;
using Crm.Host.Platform;
using Npgsql;

namespace Crm.Host.Pool;

/// <summary>
/// The recycling job (回收, CUS-7): every host runs it, one leads. The leader holds a PostgreSQL
/// advisory lock on a connection of its own (as the projection daemon's leaders do); the others try
/// again every <c>Crm:Recycling:LeaderRetrySeconds</c>. Each run folds the pool rules, pages the
/// recycling candidates of each rule and puts every candidate through the customer decider, which
/// warns once per cycle, recycles, or does nothing (locked, in the pool, followed up since). Even if
/// two leaders overlapped, the decider on the current stream and the optimistic append keep each
/// customer recycled once. "Now" comes from the injected TimeProvider, so tests control the clock.
/// </summary>
public sealed partial class RecyclingService(
    LeadershipDataSource leaders, PoolRulesReader rules, RecyclingCandidates candidates, PoolHandler pool,
    TimeProvider clock, IConfiguration configuration, ILogger<RecyclingService> logger) : BackgroundService
{
    public const int BatchSize = 200;
    private const string LockName = "crm.pool-recycling";

    private readonly TimeSpan interval = TimeSpan.FromSeconds(configuration.GetValue("Crm:Recycling:IntervalSeconds", 300.0));
    private readonly TimeSpan leaderRetry = TimeSpan.FromSeconds(configuration.GetValue("Crm:Recycling:LeaderRetrySeconds", 5.0));
    private readonly bool enabled = configuration.GetValue("Crm:Recycling:Enabled", true);

    /// <summary>Runs completed by this host while leading (tests wait on it).</summary>
    public long CompletedRuns => Interlocked.Read(ref completedRuns);

    private long completedRuns;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeadWhileHoldingLockAsync(stoppingToken);
                await Task.Delay(leaderRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A failed run must not stop the host (an unhandled exception in a BackgroundService would): log it and try again.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RunFailed(logger, e);
                try { await Task.Delay(leaderRetry, stoppingToken); }
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
        Leading(logger);
        try
        {
            // Leadership ends with the connection (losing it drops the session lock) or when the host stops.
            while (!ct.IsCancellationRequested)
            {
                await StillLeadingAsync(connection, ct);
                await RunOnceAsync(ct, t => StillLeadingAsync(connection, t));
                Interlocked.Increment(ref completedRuns);
                await Task.Delay(interval, clock, ct);
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
    /// throws — and the pass stops before touching another page, since another host may lead by now.
    /// </summary>
    private static async Task StillLeadingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var alive = new NpgsqlCommand("select 1", connection) { CommandTimeout = LeadershipDataSource.KeepAliveSeconds };
        await alive.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// One pass over every rule; returns how many customers were warned or recycled. <paramref name="stillLeading"/>, when given, runs
    /// before each page of candidates and throws when this host no longer leads.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct, Func<CancellationToken, Task>? stillLeading = null)
    {
        var (config, _) = await rules.CurrentAsync(ct);
        var changed = 0;
        foreach (var rule in config.Rules)
        {
            var search = new RecyclingSearch(
                rule.DaysWithoutFollowUp, rule.DaysWithoutDeal, rule.WarningDaysBefore, rule.ExemptLevels ?? [], rule.ExemptCustomersWithDeals);
            Guid? after = null;
            while (true)
            {
                if (stillLeading is not null) await stillLeading(ct);
                var ids = await candidates.NextAsync(search, clock.GetUtcNow(), after, BatchSize, ct);
                if (ids.Count == 0) break;
                foreach (var id in ids)
                {
                    var request = new CommandRequest { Metadata = new EventMetadata(CorrelationId: "recycling:" + rule.Id) };
                    // The handler reads the customer's last deal itself.
                    var outcome = await pool.RecycleAsync(new ApplyRecyclingRule(id, rule, null), request, ct);
                    if (outcome.Error is { } error) Refused(logger, id, error.Code);
                    else if (outcome.Events.Count > 0) changed++;
                }
                after = ids[^1];
            }
        }
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This host now leads the pool recycling job")]
    private static partial void Leading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pool recycling run failed; retrying")]
    private static partial void RunFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recycling customer {CustomerId} was refused: {Code}")]
    private static partial void Refused(ILogger logger, Guid customerId, string code);
}
