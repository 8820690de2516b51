using System.Collections.Frozen;
using Crm.EventStore.Projections;
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
    private GlobalPosition? continuityEnd;

    public IProjection Projection => projection;
    public string Name => projection.Name;
    public WakeSignal Wake { get; } = new();

    /// <summary>The server process id of the leading connection, while this runner leads.</summary>
    public int? LeaderProcessId { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
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
        }
    }

    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        continuityEnd = null; // another runner may have led meanwhile
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
                        await RebuildOnAsync(connection, ct);
                        continue;
                    case ProjectionState.Failed:
                        ahead = await DropAsync(ahead);
                        await Wake.WaitAsync(options.PollInterval, ct);
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
    /// Wipes the projection and replays it from the start on the leading connection. Fails fast: a
    /// poison event marks the projection failed instead of being dead-lettered.
    /// </summary>
    public async Task RebuildOnAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        continuityEnd = null;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await projection.ResetAsync(new ProjectionContext(connection, tx), ct);
            await Checkpoints.ResetAsync(connection, tx, Name, ct);
            await tx.CommitAsync(ct);
        }
        LogRebuildStarted(logger, Name);
        var position = GlobalPosition.Start;
        try
        {
            // The next batch is read and deserialized on a second connection while this one applies the
            // current batch: the replay is bound by the slower of the two, not by their sum.
            await using var readConnection = await store.DataSource.OpenConnectionAsync(ct);
            var batch = await ReadForRebuildAsync(readConnection, position, ct);
            while (batch.Raw.Count > 0)
            {
                var next = ReadForRebuildAsync(readConnection, batch.Raw[^1].Position, ct);
                try
                {
                    await ApplyAsync(connection, position, batch.Raw, batch.Events, ct);
                }
                catch (Exception e) when (e is not CheckpointFencedException && !IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
                {
                    await Task.WhenAny(next);
                    var culprit = batch.Raw[0];
                    throw new ProjectionFailedException(Name, culprit.Position, culprit.EventType, e);
                }
                catch
                {
                    await Task.WhenAny(next);
                    throw;
                }
                position = batch.Raw[^1].Position;
                batch = await next;
            }
        }
        catch (ProjectionFailedException e)
        {
            await Checkpoints.SetStatusAsync(connection, null, Name, ProjectionState.Failed, error: e.Message, ct: ct);
            throw;
        }
        await Checkpoints.SetStatusAsync(connection, null, Name, ProjectionState.Running, onlyFrom: ProjectionState.Rebuilding, ct: ct);
        LogRebuildFinished(logger, Name, position);
    }

    private async Task<(List<RawEvent> Raw, List<StoredEvent> Events)> ReadForRebuildAsync(NpgsqlConnection connection, GlobalPosition from,
        CancellationToken ct)
    {
        var page = await store.ReadFeedPageAsync(connection, from, options.RebuildBatchSize, types, ct);
        if (page.Unreadable is { } bad) throw new ProjectionFailedException(Name, bad.Row.Position, bad.Row.EventType, bad.Error);
        return (page.Raw, page.Events);
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

    /// <summary>Applies one page read after <paramref name="from"/>; returns how many events it had and the last position.</summary>
    private async Task<(int Read, GlobalPosition Last)> ProcessBatchAsync(NpgsqlConnection connection, GlobalPosition from, FeedPage page,
        CancellationToken ct)
    {
        var batch = page.Raw;
        if (batch.Count == 0) return (0, from);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A batch with an event that would not deserialize is deserialized again here, inside the
                // retries, so that event ends as a dead letter like any other poison.
                await ApplyAsync(connection, from, batch, page.Unreadable is null ? page.Events : Handled(batch), ct);
                return (batch.Count, batch[^1].Position);
            }
            catch (CheckpointFencedException)
            {
                return (batch.Count, batch[^1].Position); // someone else did this batch; re-read the checkpoint
            }
            catch (Exception e) when (!IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                {
                    await IsolatePoisonAsync(connection, from, batch, ct);
                    return (batch.Count, batch[^1].Position);
                }
                LogBatchRetry(logger, Name, attempt, e);
                await Task.Delay(options.RetryDelay * attempt, ct);
            }
        }
    }

    /// <summary>The batch keeps failing: apply its events one at a time and dead-letter those that still fail.</summary>
    private async Task IsolatePoisonAsync(NpgsqlConnection connection, GlobalPosition from, List<RawEvent> batch, CancellationToken ct)
    {
        var position = from;
        foreach (var e in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ApplyAsync(connection, position, [e], ct);
                    break;
                }
                catch (Exception error) when (error is not CheckpointFencedException && !IsConnectionProblem(error, connection) && !ct.IsCancellationRequested)
                {
                    if (attempt < options.MaxAttempts)
                    {
                        await Task.Delay(options.RetryDelay, ct);
                        continue;
                    }
                    await using var tx = await connection.BeginTransactionAsync(ct);
                    await Checkpoints.DeadLetterAsync(connection, tx, Name, e, attempt, error, ct);
                    await Checkpoints.AdvanceAsync(connection, tx, Name, position, e.Position, 0, ct);
                    await tx.CommitAsync(ct);
                    LogDeadLettered(logger, Name, e.EventType, e.Position, error);
                    break;
                }
            }
            position = e.Position;
        }
    }

    /// <summary>One transaction: the projection's writes for the events it handles, and the checkpoint move.</summary>
    private Task ApplyAsync(NpgsqlConnection connection, GlobalPosition from, List<RawEvent> batch, CancellationToken ct) =>
        ApplyAsync(connection, from, batch, Handled(batch), ct);

    private async Task ApplyAsync(NpgsqlConnection connection, GlobalPosition from, List<RawEvent> batch, List<StoredEvent> events, CancellationToken ct)
    {
        if (continuityEnd != from) continuity = new object();
        continuityEnd = null; // until this batch commits
        await using var tx = await connection.BeginTransactionAsync(ct);
        var context = new ProjectionContext(connection, tx) { Continuity = continuity };
        if (events.Count > 0) await projection.ApplyAsync(events, context, ct);
        await Checkpoints.AdvanceAsync(connection, tx, Name, from, batch[^1].Position, batch.Count, ct);
        await tx.CommitAsync(ct);
        continuityEnd = batch[^1].Position;
        context.Committed();
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

    internal static bool IsConnectionProblem(Exception e, NpgsqlConnection? connection) =>
        e is NpgsqlException npgsql && (npgsql.IsTransient || connection is null || connection.State != System.Data.ConnectionState.Open
                                        || connection.FullState.HasFlag(System.Data.ConnectionState.Broken))
        || e is TimeoutException or System.IO.IOException;

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(LogLevel.Information, "Leading projection {Projection} on backend {Pid}")]
    private static partial void LogLeading(ILogger logger, string projection, int pid);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} lost its connection; will try to lead again")]
    private static partial void LogConnectionLost(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Error, "Projection {Projection} runner failed; will try to lead again")]
    private static partial void LogRunnerFailed(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} batch failed (attempt {Attempt}); retrying")]
    private static partial void LogBatchRetry(ILogger logger, string projection, int attempt, Exception e);

    [LoggerMessage(LogLevel.Error, "Projection {Projection} dead-lettered {EventType} at {Position}")]
    private static partial void LogDeadLettered(ILogger logger, string projection, string eventType, GlobalPosition position, Exception e);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} could not read ahead; reading on the leading connection")]
    private static partial void LogReadAheadFailed(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Information, "Rebuilding projection {Projection} from zero")]
    private static partial void LogRebuildStarted(ILogger logger, string projection);

    [LoggerMessage(LogLevel.Information, "Rebuilt projection {Projection} up to {Position}")]
    private static partial void LogRebuildFinished(ILogger logger, string projection, GlobalPosition position);
}
