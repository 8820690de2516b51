using System.Collections.Frozen;
using Crm.EventStore.Projections;
using Crm.EventStore.Rebuilds;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.EventStore.Daemon;

/// <summary>
/// Runs one async projection. It leads only while it holds the projection's session advisory lock,
/// on the very connection it projects with: when that connection dies the lock goes with it and a
/// stand-by takes over. Each batch commits the projection's writes together with a compare-and-set of
/// the checkpoint, so a batch takes effect exactly once even if two runners ever overlap.
/// </summary>
internal sealed partial class ProjectionRunner(EventStore store, IProjection projection, DaemonOptions options, ILogger logger)
{
    private const string LockSql = "select pg_try_advisory_lock(hashtextextended('crm.projection:' || @n, 0))";
    private const string UnlockSql = "select pg_advisory_unlock(hashtextextended('crm.projection:' || @n, 0))";

    private static readonly TimeSpan HeldBackRetry = TimeSpan.FromMilliseconds(25);

    private readonly FrozenSet<string> types = store.TypeNames(projection);

    // The batches this runner committed back to back (ProjectionContext.Continuity) and where the last of them ended.
    private object continuity = new();

    // The shadow tables a blue/green rebuild writes while it runs; null otherwise (every batch writes the live tables).
    private ShadowTables? building;
    private GlobalPosition? continuityEnd;

    private readonly string build = options.Build ?? projection.GetType().Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public IProjection Projection => projection;
    public string Name => projection.Name;
    public WakeSignal Wake { get; } = new();

    /// <summary>Wakes a node that stood down (a rebuild was asked for); appends do not.</summary>
    public WakeSignal Summon { get; } = new();

    /// <summary>When the daemon started, by the server's clock: a projection that failed before then is tried again.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The server process id of the leading connection, while this runner leads.</summary>
    public int? LeaderProcessId { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            var standDown = false;
            try
            {
                connection = await (options.LeaderDataSource ?? store.DataSource).OpenConnectionAsync(ct);
                if (!await TryLockAsync(connection, ct))
                {
                    await connection.DisposeAsync();
                    connection = null;
                    await Task.Delay(options.LeaderRetryInterval, ct);
                    continue;
                }
                LeaderProcessId = connection.ProcessID;
                LogLeading(logger, Name, connection.ProcessID);
                await LeadAsync(connection, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is ProjectionStoodDownException or ProjectionFailedException)
            {
                LogStoodDown(logger, Name, e.Message);
                standDown = true;
            }
            catch (Exception e) when (IsConnectionProblem(e, connection))
            {
                LogConnectionLost(logger, Name, e);
                await DelayQuietly(options.LeaderRetryInterval, ct);
            }
            catch (Exception e)
            {
                LogRunnerFailed(logger, Name, e);
                await DelayQuietly(options.LeaderRetryInterval, ct);
            }
            finally
            {
                LeaderProcessId = null;
                if (connection is not null) await ReleaseAsync(connection);
            }
            // Without the lock, so that another node (a newer build, one started later) can lead meanwhile.
            if (standDown) await WaitQuietly(Summon, options.StandDownInterval, ct);
        }
    }

    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        continuityEnd = null; // another runner may have led meanwhile
        poisonInARow = 0;
        // Dead letters ahead of the checkpoint (a rebuild stopped and resumed as a catch-up) are resolved when their events now apply.
        openDeadLetters = await Checkpoints.OpenDeadLettersAsync(connection, Name, ct);
        var size = options.BatchSize;
        // Behind (a full batch), the next page is read and deserialized on a second connection while this one applies the
        // current page: a catch-up is bound by the slower of the two, not by their sum (as a rebuild is).
        NpgsqlConnection? readConnection = null;
        (GlobalPosition From, Task<FeedPage> Page)? ahead = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var checkpoint = await Checkpoints.ReadAsync(connection, Name, ct);
                switch (checkpoint.Status)
                {
                    case ProjectionState.RebuildRequested or ProjectionState.Rebuilding:
                        ahead = await DropAsync(ahead);
                        // A rebuild another leader began (it died, or stood down) goes on from its checkpoint: each of its batches
                        // committed with the checkpoint, so the rows are right up to there; starting again would wipe them each time.
                        await RebuildOnAsync(connection, ct, checkpoint.Status == ProjectionState.Rebuilding ? checkpoint : null);
                        continue;
                    case ProjectionState.Failed:
                        ahead = await DropAsync(ahead);
                        await ResumeOrStandDownAsync(connection, checkpoint, ct);
                        continue;
                }
                // A page read ahead counts only if it starts where the checkpoint is now and its read succeeded; anything
                // else (fenced, poison, a broken second connection) reads again here, on the leading connection.
                FeedPage? page = null;
                if (ahead is { } next && next.From == checkpoint.Position)
                {
                    page = await ReadAheadAsync(next.Page);
                    if (page is null) readConnection = await ForgetAsync(readConnection);
                }
                else await DropAsync(ahead);
                ahead = null;
                page ??= await store.ReadFeedPageAsync(connection, checkpoint.Position, size, types, ct);
                await StandDownOnNewerEventAsync(connection, page, ct);
                // Caught up: the second connection goes back to the pool until the next catch-up.
                if (page.Raw.Count < size) readConnection = await ForgetAsync(readConnection);
                if (page.Raw.Count >= size)
                {
                    // A full batch means the projection is behind: catch up in rebuild-sized batches (fewer
                    // commits, each a WAL flush), and go back to small ones, for latency, once caught up.
                    size = Math.Max(options.BatchSize, options.RebuildBatchSize);
                    readConnection ??= await store.DataSource.OpenConnectionAsync(ct);
                    var from = page.Raw[^1].Position;
                    ahead = (from, store.ReadFeedPageAsync(readConnection, from, size, types, ct));
                }
                var (read, position) = await ProcessBatchAsync(connection, checkpoint.Position, page, ct);
                if (read >= size || ahead is not null) continue;
                size = options.BatchSize;
                // Committed events the feed still holds back (an older transaction is running) are worth a
                // quick second look; otherwise sleep until an append notifies or the poll interval passes.
                var heldBack = await EventStore.HasEventsAfterAsync(connection, position, ct);
                await Wake.WaitAsync(heldBack ? HeldBackRetry : options.PollInterval, ct);
            }
        }
        finally
        {
            await DropAsync(ahead);
            if (readConnection is not null) await readConnection.DisposeAsync();
        }
    }

    /// <summary>The page read ahead, or null when its read failed (the caller reads it again on the leading connection).</summary>
    private async Task<FeedPage?> ReadAheadAsync(Task<FeedPage> page)
    {
        try
        {
            return await page;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadAheadFailed(logger, Name, e);
            return null;
        }
    }

    private static async Task<NpgsqlConnection?> ForgetAsync(NpgsqlConnection? connection)
    {
        if (connection is not null) await connection.DisposeAsync();
        return null;
    }

    /// <summary>Lets a page read ahead finish (its connection is needed again) and forgets it, failed or not.</summary>
    private static async Task<(GlobalPosition, Task<FeedPage>)?> DropAsync((GlobalPosition From, Task<FeedPage> Page)? ahead)
    {
        if (ahead is { } a)
        {
            try { await a.Page; }
            catch (Exception) { } // its failure, if any, is the next read's to meet
        }
        return null;
    }

    /// <summary>
    /// Replays the projection from the start on the leading connection, under the same failure policy as a catch-up
    /// (ProjectionRunner.Failures.cs); dead letters whose events now apply are resolved. A projection that names its tables is
    /// rebuilt blue/green: into shadow tables while its live tables stand still and keep serving (readers never see them empty or
    /// half-built), swapped in with the checkpoint in one transaction. One that names none is wiped and replayed in place.
    /// </summary>
    /// <param name="resume">The checkpoint of a rebuild under way to go on from; null: start from zero.</param>
    public async Task RebuildOnAsync(NpgsqlConnection connection, CancellationToken ct, Checkpoints.Row? resume = null)
    {
        continuityEnd = null;
        poisonInARow = 0;
        var shadow = (resume?.ShadowBuild ?? projection.Tables.Count > 0) ? new ShadowTables(projection.Tables) : null;
        // Shadows someone dropped (or a rebuild that began before shadows existed here) cannot be gone on with: from zero.
        if (resume is not null && shadow is not null && !await ShadowSchema.ExistAsync(connection, shadow, ct)) resume = null;
        if (resume is null)
        {
            if (shadow is not null) await ShadowSchema.CreateShadowsAsync(connection, shadow, ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (shadow is null) await projection.ResetAsync(new ProjectionContext(connection, tx), ct);
            await Checkpoints.ResetAsync(connection, tx, Name, shadows: shadow is not null, ct);
            await tx.CommitAsync(ct);
        }
        openDeadLetters = await Checkpoints.OpenDeadLettersAsync(connection, Name, ct);
        var position = resume?.Position ?? GlobalPosition.Start;
        LogRebuildStarted(logger, Name, position);
        building = shadow;
        try
        {
            position = await ReplayAsync(connection, position, ct);
            if (shadow is not null)
            {
                try
                {
                    await SwapAsync(connection, shadow, position, ct);
                }
                catch (InvalidOperationException e)
                {
                    // Refused (a table changed shape meanwhile, or has foreign keys): failed, not retried for ever. Resumed, a rebuild whose
                    // shadows no longer match starts again from zero.
                    await Checkpoints.StopAsync(connection, Name, $"the swap was refused: {e.Message}", build, ct);
                    throw new ProjectionFailedException(Name, position, "(swap)", e);
                }
            }
            else await Checkpoints.SetStatusAsync(connection, null, Name, ProjectionState.Running, onlyFrom: ProjectionState.Rebuilding, ct: ct);
        }
        finally
        {
            building = null;
        }
        LogRebuildFinished(logger, Name, position);
    }

    private async Task<GlobalPosition> ReplayAsync(NpgsqlConnection connection, GlobalPosition position, CancellationToken ct)
    {
        // The next page is read and deserialized on a second connection while this one applies the current page: the replay is
        // bound by the slower of the two, not by their sum.
        await using var readConnection = await store.DataSource.OpenConnectionAsync(ct);
        var page = await store.ReadFeedPageAsync(readConnection, position, options.RebuildBatchSize, types, ct);
        while (page.Raw.Count > 0)
        {
            await StandDownOnNewerEventAsync(connection, page, ct);
            var next = store.ReadFeedPageAsync(readConnection, page.Raw[^1].Position, options.RebuildBatchSize, types, ct);
            try
            {
                (_, position) = await ProcessBatchAsync(connection, position, page, ct, rebuilding: true);
            }
            catch
            {
                await Task.WhenAny(next);
                throw;
            }
            page = await next;
        }
        return position;
    }

    /// <summary>
    /// The shadows, vacuumed and analysed, replace the live tables in the transaction that makes the checkpoint theirs. The live
    /// tables are locked first, all at once, under a lock timeout: a long reader (a backup's dump) makes the swap let go and try again
    /// instead of queueing every reader of the model behind it.
    /// </summary>
    private async Task SwapAsync(NpgsqlConnection connection, ShadowTables shadow, GlobalPosition position, CancellationToken ct)
    {
        await ShadowSchema.VacuumAsync(connection, shadow, ct);
        var settings = options.ShadowRebuild;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var timeout = new NpgsqlCommand(
                    $"set local lock_timeout = '{(int)settings.SwapLockTimeout.TotalMilliseconds}ms'", connection, tx))
                    await timeout.ExecuteNonQueryAsync(ct);
                await ShadowSchema.LockLiveAsync(connection, tx, shadow, ct);
                await ShadowSchema.SwapInAsync(connection, tx, shadow, ct);
                // Fenced like a batch: a runner that is not the one that built them up to here swaps nothing.
                if (!await Checkpoints.SwappedAsync(connection, tx, Name, position, ct)) throw new CheckpointFencedException(Name);
                await tx.CommitAsync(ct);
                return;
            }
            catch (Exception e) when (ShadowSchema.IsContention(e) && attempt < settings.SwapAttempts)
            {
                await Task.Delay(settings.SwapLockTimeout, ct);
            }
        }
    }

    private List<StoredEvent> Handled(List<RawEvent> batch)
    {
        var events = new List<StoredEvent>(batch.Count);
        foreach (var e in batch)
        {
            if (types.Contains(e.EventType)) events.Add(store.ToStoredEvent(e));
        }
        return events;
    }

    public async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(LockSql, connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", Name));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task ReleaseAsync(NpgsqlConnection connection)
    {
        // The connection goes back to the pool: unlock explicitly, or the pooled session would keep leading.
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var cmd = new NpgsqlCommand(UnlockSql, connection);
                cmd.Parameters.Add(new NpgsqlParameter<string>("n", Name));
                await cmd.ExecuteScalarAsync();
            }
        }
        catch (NpgsqlException)
        {
            // A broken connection has lost the lock with its session.
        }
        await connection.DisposeAsync();
    }

    /// <summary>
    /// The connection (and with it the lead) is gone or going: lead again. A server error on a live connection is not (a deadlock, a
    /// timeout, a missing column): <see cref="FailureCause"/> decides what to do about it, except a shutdown or a connection error.
    /// </summary>
    internal static bool IsConnectionProblem(Exception e, NpgsqlConnection? connection)
    {
        var broken = connection is null || connection.State != System.Data.ConnectionState.Open
                     || connection.FullState.HasFlag(System.Data.ConnectionState.Broken);
        return e switch
        {
            PostgresException pg => broken || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
            NpgsqlException npgsql => broken || npgsql.IsTransient,
            TimeoutException or System.IO.IOException => true,
            _ => false,
        };
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); }
        catch (OperationCanceledException) { }
    }

    private static async Task WaitQuietly(WakeSignal signal, TimeSpan timeout, CancellationToken ct)
    {
        try { await signal.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(LogLevel.Information, "Leading projection {Projection} on backend {Pid}")]
    private static partial void LogLeading(ILogger logger, string projection, int pid);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} lost its connection; will try to lead again")]
    private static partial void LogConnectionLost(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Error, "Projection {Projection} runner failed; will try to lead again")]
    private static partial void LogRunnerFailed(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} stood down on this node: {Reason}")]
    private static partial void LogStoodDown(ILogger logger, string projection, string reason);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} could not read ahead; reading on the leading connection")]
    private static partial void LogReadAheadFailed(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Information, "Rebuilding projection {Projection} from {Position}")]
    private static partial void LogRebuildStarted(ILogger logger, string projection, GlobalPosition position);

    [LoggerMessage(LogLevel.Information, "Rebuilt projection {Projection} up to {Position}")]
    private static partial void LogRebuildFinished(ILogger logger, string projection, GlobalPosition position);
}
