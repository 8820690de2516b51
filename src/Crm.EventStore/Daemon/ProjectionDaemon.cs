using Crm.EventStore.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crm.EventStore.Daemon;

/// <summary>
/// Keeps async projections up to date. Every process may run a daemon: for each projection one of
/// them leads (advisory lock) and the others stand by. Appends wake the leaders through
/// pg_notify; a poll interval covers lost notifications and transactions that held the feed back.
/// </summary>
public sealed partial class ProjectionDaemon : IAsyncDisposable
{
    private readonly EventStore store;
    private readonly DaemonOptions options;
    private readonly ILogger logger;
    private readonly Dictionary<string, ProjectionRunner> runners;
    private CancellationTokenSource? stopping;
    private readonly List<Task> tasks = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Rebuilds.InlineRebuilds inlineRebuilds;

    public ProjectionDaemon(EventStore store, IEnumerable<IProjection> projections, DaemonOptions? options = null, ILogger? logger = null)
    {
        this.store = store;
        this.options = options ?? new DaemonOptions();
        this.logger = logger ?? NullLogger.Instance;
        runners = [];
        foreach (var projection in projections)
        {
            if (!runners.TryAdd(projection.Name, new ProjectionRunner(store, projection, this.options, this.logger)))
                throw new ArgumentException($"Two projections are named '{projection.Name}'.", nameof(projections));
        }
        inlineRebuilds = new Rebuilds.InlineRebuilds(store, this.options.ShadowRebuild, this.options.LeaderDataSource, this.logger)
            { PollInterval = this.options.LeaderRetryInterval };
        // A projection the store runs inline and this daemon runs too (tests rebuild inline ones in place that way) is the daemon's.
        inlineNames = [.. inlineRebuilds.Names.Where(n => !runners.ContainsKey(n))];
    }

    private readonly IReadOnlyCollection<string> inlineNames;

    /// <summary>Every read model this daemon answers for: its async projections and the store's inline ones.</summary>
    public IReadOnlyCollection<string> ProjectionNames => [.. runners.Keys, .. inlineNames];

    /// <summary>The async projections it runs.</summary>
    public IReadOnlyCollection<string> AsyncProjectionNames => runners.Keys;

    public bool IsRunning => stopping is not null;

    /// <summary>The backend process id of this daemon's leading connection for a projection, or null when it stands by.</summary>
    public int? LeaderProcessId(string projection) => Runner(projection).LeaderProcessId;

    public async Task StartAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (stopping is not null) throw new InvalidOperationException("The daemon is already running.");
            await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
            {
                await Checkpoints.EnsureAsync(connection, runners.Keys, ct);
                await using var now = new NpgsqlCommand("select now()", connection);
                var startedAt = (DateTime)(await now.ExecuteScalarAsync(ct))!;
                foreach (var runner in runners.Values) runner.StartedAt = new DateTimeOffset(startedAt, TimeSpan.Zero);
            }
            stopping = new CancellationTokenSource();
            var token = stopping.Token;
            tasks.Add(Task.Run(() => ListenAsync(token), CancellationToken.None));
            foreach (var runner in runners.Values) tasks.Add(Task.Run(() => runner.RunAsync(token), CancellationToken.None));
            tasks.Add(Task.Run(() => inlineRebuilds.RunAsync(token), CancellationToken.None));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops every runner (a batch in flight rolls back); safe to call more than once, also concurrently.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (stopping is null) return;
            await stopping.CancelAsync();
            try { await Task.WhenAll(tasks); }
            catch (OperationCanceledException) { }
            tasks.Clear();
            stopping.Dispose();
            stopping = null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Rebuilds a projection from zero, in place. When a process leads the projection — this one, with the daemon running, or
    /// another — the request is recorded on the checkpoint and that leader carries it out; this waits for it to finish. Without a
    /// running daemon here, the rebuild is done here as soon as nobody leads the projection (also when a leader that had the
    /// request dies before finishing it), so the call never waits on a leader that is not there.
    /// </summary>
    public async Task RebuildAsync(string projection, CancellationToken ct = default)
    {
        if (IsInline(projection))
        {
            await inlineRebuilds.RebuildAsync(projection, ct);
            return;
        }
        var runner = Runner(projection);
        // The session lock below is taken on this connection: it comes from the leaders' data source.
        await using var connection = await (options.LeaderDataSource ?? store.DataSource).OpenConnectionAsync(ct);
        await Checkpoints.EnsureAsync(connection, [projection], ct);
        var before = await RebuildCountAsync(connection, projection, ct);
        var requested = false;
        while (true)
        {
            if (!IsRunning && await runner.TryLockAsync(connection, ct))
            {
                // A leader that carried out the request may have let the lock go just now: then it is done, not to be done twice.
                if (requested && await RebuiltSinceAsync(connection, projection, before, ct))
                {
                    await UnlockAsync(connection, projection);
                    return;
                }
                await RebuildHereAsync(runner, connection, projection, ct);
                return;
            }
            if (!requested)
            {
                await Checkpoints.SetStatusAsync(connection, null, projection, ProjectionState.RebuildRequested, ct: ct);
                runner.Wake.Pulse();
                runner.Summon.Pulse();
                requested = true;
            }
            await Task.Delay(50, ct);
            if (await RebuiltSinceAsync(connection, projection, before, ct)) return;
        }
    }

    /// <summary>
    /// Asks for a rebuild without waiting for it: the projection's leader (in any process) carries it out, and its status shows the
    /// progress (rebuilding, events processed). A rebuild already asked for or under way is not started again. False when it was.
    /// </summary>
    public async Task<bool> RequestRebuildAsync(string projection, CancellationToken ct = default)
    {
        if (IsInline(projection)) return await inlineRebuilds.RequestAsync(projection, ct);
        var runner = Runner(projection);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await Checkpoints.EnsureAsync(connection, [projection], ct);
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints set status = 'rebuild_requested', updated_at = now()
             where name = @n and status not in ('rebuild_requested', 'rebuilding')
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        var requested = await cmd.ExecuteNonQueryAsync(ct) == 1;
        runner.Wake.Pulse();
        runner.Summon.Pulse();
        return requested;
    }

    /// <summary>A projection's dead letters in feed order, the open ones only unless <paramref name="resolvedToo"/>.</summary>
    public Task<IReadOnlyList<DeadLetterRecord>> DeadLettersAsync(string projection, bool resolvedToo = false, int limit = 1000,
        CancellationToken ct = default) =>
        IsInline(projection) ? Task.FromResult<IReadOnlyList<DeadLetterRecord>>([])
        : DeadLetterQuery.ReadAsync(store.DataSource, Runner(projection).Name, !resolvedToo, limit, ct);

    /// <summary>True once a rebuild after <paramref name="before"/> finished; throws when the projection failed.</summary>
    private static async Task<bool> RebuiltSinceAsync(NpgsqlConnection connection, string projection, long before, CancellationToken ct)
    {
        var (rebuilds, status, error) = await RebuildStateAsync(connection, projection, ct);
        if (status == ProjectionState.Failed) throw new InvalidOperationException($"Rebuild of '{projection}' failed: {error}");
        return rebuilds > before && status == ProjectionState.Running;
    }

    private static async Task RebuildHereAsync(ProjectionRunner runner, NpgsqlConnection connection, string projection, CancellationToken ct)
    {
        try
        {
            await runner.RebuildOnAsync(connection, ct);
        }
        finally
        {
            await UnlockAsync(connection, projection);
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, string projection)
    {
        await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended('crm.projection:' || @n, 0))", connection);
        unlock.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        await unlock.ExecuteScalarAsync(CancellationToken.None);
    }

    /// <summary>
    /// Waits until every projection of this daemon has processed every event committed before the call
    /// (the test helper). Throws when one has failed or the time is up.
    /// </summary>
    public async Task WaitForProjectionsAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var head = await store.HeadPositionAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var statuses = await ProjectionStatusQuery.PositionsAsync(store.DataSource, runners.Keys, deadline.Token);
                if (statuses.FirstOrDefault(s => s.Status == ProjectionState.Failed) is { Name: not null } failed)
                    throw new InvalidOperationException($"Projection '{failed.Name}' failed: {failed.LastError}");
                if (statuses.Count == runners.Count && statuses.All(s => s.Checkpoint >= head && s.Status == ProjectionState.Running)) return;
                foreach (var runner in runners.Values) runner.Wake.Pulse();
                await Task.Delay(20, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var statuses = await StatusAsync(countBehind: false, ct);
            throw new TimeoutException($"Projections did not reach {head} within {timeout}: " +
                                       string.Join(", ", statuses.Select(s => $"{s.Name} at {s.Checkpoint} ({s.Status})")));
        }
    }

    public Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default) => StatusAsync(countBehind: true, ct);

    /// <summary>One projection's status: its lag alone is counted, not every projection's (an operator polling one rebuild).</summary>
    public async Task<ProjectionStatus> StatusAsync(string projection, CancellationToken ct = default) =>
        IsInline(projection) ? (await inlineRebuilds.StatusAsync([projection], ct)).Single()
        : (await ProjectionStatusQuery.ReadAsync(store.DataSource, [Runner(projection).Name], countBehind: true, ct)).Single();

    private async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(bool countBehind, CancellationToken ct) =>
    [
        .. await ProjectionStatusQuery.ReadAsync(store.DataSource, runners.Keys, countBehind, ct),
        .. await inlineRebuilds.StatusAsync(inlineNames, ct),
    ];

    private bool IsInline(string projection) => inlineNames.Contains(projection);

    private ProjectionRunner Runner(string projection) =>
        runners.TryGetValue(projection, out var runner) ? runner : throw new ArgumentException($"No projection named '{projection}'.", nameof(projection));

    private static async Task<long> RebuildCountAsync(NpgsqlConnection connection, string name, CancellationToken ct) =>
        (await RebuildStateAsync(connection, name, ct)).Rebuilds;

    private static async Task<(int Rebuilds, string Status, string? Error)> RebuildStateAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select rebuilds, status, last_error from es.projection_checkpoints where name = @n", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", name));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>LISTEN on the append channel and wake every runner; reconnects when the connection drops.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.DataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) =>
                {
                    foreach (var runner in runners.Values) runner.Wake.Pulse();
                };
                await using (var listen = new NpgsqlCommand($"listen {EventStore.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenerLost(logger, e);
                try { await Task.Delay(options.LeaderRetryInterval, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Projection daemon lost its LISTEN connection; polling until it reconnects")]
    private static partial void LogListenerLost(ILogger logger, Exception e);
}
