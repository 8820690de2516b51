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
                connection = await store.DataSource.OpenConnectionAsync(ct);
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
            var read = await ProcessBatchAsync(connection, checkpoint.Position, ct);
            if (read < options.BatchSize) await Wake.WaitAsync(options.PollInterval, ct);
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
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var (read, last) = await ReadAndApplyAsync(connection, position, options.RebuildBatchSize, ct);
                if (read == 0) break;
                position = last;
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

    /// <summary>Reads and applies one batch after <paramref name="from"/>; returns how many events it read.</summary>
    private async Task<int> ProcessBatchAsync(NpgsqlConnection connection, GlobalPosition from, CancellationToken ct)
    {
        var batch = await EventStore.ReadFeedAsync(connection, from, options.BatchSize, ct);
        if (batch.Count == 0) return 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyAsync(connection, from, batch, ct);
                return batch.Count;
            }
            catch (CheckpointFencedException)
            {
                return batch.Count; // someone else did this batch; re-read the checkpoint
            }
            catch (Exception e) when (!IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                {
                    await IsolatePoisonAsync(connection, from, batch, ct);
                    return batch.Count;
                }
                LogBatchRetry(logger, Name, attempt, e);
                await Task.Delay(options.RetryDelay * attempt, ct);
            }
        }
    }

    private async Task<(int Read, GlobalPosition Last)> ReadAndApplyAsync(NpgsqlConnection connection, GlobalPosition from, int batchSize, CancellationToken ct)
    {
        var batch = await EventStore.ReadFeedAsync(connection, from, batchSize, ct);
        if (batch.Count == 0) return (0, from);
        try
        {
            await ApplyAsync(connection, from, batch, ct);
        }
        catch (Exception e) when (e is not CheckpointFencedException && !IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
        {
            var culprit = batch[0];
            throw new ProjectionFailedException(Name, culprit.Position, culprit.EventType, e);
        }
        return (batch.Count, batch[^1].Position);
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
    private async Task ApplyAsync(NpgsqlConnection connection, GlobalPosition from, List<RawEvent> batch, CancellationToken ct)
    {
        var events = new List<StoredEvent>(batch.Count);
        foreach (var e in batch)
        {
            if (types.Contains(e.EventType)) events.Add(store.ToStoredEvent(e));
        }
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
