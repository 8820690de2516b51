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
        while (!ct.IsCancellationRequested)
        {
            var checkpoint = await Checkpoints.ReadAsync(connection, Name, ct);
            switch (checkpoint.Status)
            {
                case ProjectionState.RebuildRequested or ProjectionState.Rebuilding:
                    await RebuildOnAsync(connection, ct);
                    continue;
                case ProjectionState.Failed:
                    await Wake.WaitAsync(options.PollInterval, ct);
                    continue;
            }
            var (read, position) = await ProcessBatchAsync(connection, checkpoint.Position, options.BatchSize, ct);
            if (read >= options.BatchSize)
            {
                await CatchUpAsync(connection, position, ct);
                continue;
            }
            // Committed events the feed still holds back (an older transaction is running) are worth a
            // quick second look; otherwise sleep until an append notifies or the poll interval passes.
            var heldBack = await EventStore.HasEventsAfterAsync(connection, position, ct);
            await Wake.WaitAsync(heldBack ? HeldBackRetry : options.PollInterval, ct);
        }
    }

    /// <summary>
    /// A full batch means the projection is behind: it catches up in rebuild-sized batches (fewer commits, each a WAL flush), each
    /// read on a second connection while the leading one applies the batch before it, so catching up is bound by the slower of
    /// reading and applying, not by their sum. It returns to small batches, for latency, once a batch comes back short — or at
    /// once when the checkpoint moved under it (fenced: a rebuild was asked, or another runner did the batch).
    /// </summary>
    private async Task CatchUpAsync(NpgsqlConnection connection, GlobalPosition from, CancellationToken ct)
    {
        var size = Math.Max(options.BatchSize, options.RebuildBatchSize);
        await using var readConnection = await store.DataSource.OpenConnectionAsync(ct);
        var page = await store.ReadFeedPageAsync(readConnection, from, size, types, ct);
        while (page.Raw.Count > 0)
        {
            var next = page.Raw.Count < size ? null : store.ReadFeedPageAsync(readConnection, page.Raw[^1].Position, size, types, ct);
            bool applied;
            try
            {
                applied = await ApplyPageAsync(connection, from, page, ct);
            }
            catch
            {
                if (next is not null) await Task.WhenAny(next);
                throw;
            }
            if (!applied || next is null)
            {
                if (next is not null) await Task.WhenAny(next);
                return;
            }
            from = page.Raw[^1].Position;
            page = await next;
        }
    }

    /// <summary>
    /// Wipes the projection and replays it from the start on the leading connection. Fails fast: a
    /// poison event marks the projection failed instead of being dead-lettered.
    /// </summary>
    public async Task RebuildOnAsync(NpgsqlConnection connection, CancellationToken ct)
    {
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

    /// <summary>Reads and applies one batch after <paramref name="from"/>; returns how many events it read and the last position.</summary>
    private async Task<(int Read, GlobalPosition Last)> ProcessBatchAsync(NpgsqlConnection connection, GlobalPosition from, int size, CancellationToken ct)
    {
        var page = await store.ReadFeedPageAsync(connection, from, size, types, ct);
        if (page.Raw.Count == 0) return (0, from);
        await ApplyPageAsync(connection, from, page, ct);
        return (page.Raw.Count, page.Raw[^1].Position);
    }

    /// <summary>Applies a page read after <paramref name="from"/>, with retries and dead letters; false when the checkpoint had moved (fenced).</summary>
    private async Task<bool> ApplyPageAsync(NpgsqlConnection connection, GlobalPosition from, FeedPage page, CancellationToken ct)
    {
        var batch = page.Raw;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A batch with an event that would not deserialize is deserialized again here, inside the
                // retries, so that event ends as a dead letter like any other poison.
                await ApplyAsync(connection, from, batch, page.Unreadable is null ? page.Events : Handled(batch), ct);
                return true;
            }
            catch (CheckpointFencedException)
            {
                return false; // someone else did this batch; re-read the checkpoint
            }
            catch (Exception e) when (!IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                {
                    await IsolatePoisonAsync(connection, from, batch, ct);
                    return true;
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
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (events.Count > 0) await projection.ApplyAsync(events, new ProjectionContext(connection, tx), ct);
        await Checkpoints.AdvanceAsync(connection, tx, Name, from, batch[^1].Position, batch.Count, ct);
        await tx.CommitAsync(ct);
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

    [LoggerMessage(LogLevel.Information, "Rebuilding projection {Projection} from zero")]
    private static partial void LogRebuildStarted(ILogger logger, string projection);

    [LoggerMessage(LogLevel.Information, "Rebuilt projection {Projection} up to {Position}")]
    private static partial void LogRebuildFinished(ILogger logger, string projection, GlobalPosition position);
}
