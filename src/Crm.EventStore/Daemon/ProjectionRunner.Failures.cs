using Crm.EventStore.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.EventStore.Daemon;

/// <summary>
/// What a runner does when a batch fails, by cause (<see cref="FailureCause"/>): a transient failure is retried until it passes; a
/// disagreement between code and database stops the projection; a poison event is retried, then dead-lettered alone — unless
/// <see cref="DaemonOptions.PoisonLimit"/> events in a row fail, which stops the projection without skipping them. An event of a
/// schema version newer than this build makes the node stand down. See docs/event-store.md, "Failures and dead letters".
/// </summary>
internal sealed partial class ProjectionRunner
{
    // Events that failed every attempt since the last one that applied (dead-lettered or waiting to be): reaching the limit stops.
    private int poisonInARow;

    // Open dead letters (loaded when this runner starts leading and when a rebuild starts): resolved when their events now apply.
    private List<GlobalPosition> openDeadLetters = [];

    /// <summary>
    /// Applies one page read after <paramref name="from"/>; returns how many events it had and the last position. A batch another
    /// runner applied first (its checkpoint moved) is passed over in a catch-up, and ends a rebuild with an error: a rebuild never
    /// shares its projection.
    /// </summary>
    private async Task<(int Read, GlobalPosition Last)> ProcessBatchAsync(NpgsqlConnection connection, GlobalPosition from, FeedPage page,
        CancellationToken ct, bool rebuilding = false)
    {
        var batch = page.Raw;
        if (batch.Count == 0) return (0, from);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A page with an event that would not deserialize is deserialized again here, inside the retries, so that event
                // ends as a dead letter like any other poison.
                var events = page.Unreadable is null ? page.Events : Handled(batch);
                await ApplyAsync(connection, from, batch[^1].Position, batch.Count, events, [], ct);
                if (events.Count > 0) poisonInARow = 0;
                return (batch.Count, batch[^1].Position);
            }
            catch (CheckpointFencedException) when (!rebuilding)
            {
                return (batch.Count, batch[^1].Position); // someone else did this batch; re-read the checkpoint
            }
            catch (Exception e) when (!IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
            {
                if (FailureCause.Of(e) == FailureKind.Environment) await StopAsync(connection, batch[0], "the database refused the batch", e, ct);
                if (attempt >= options.MaxAttempts) break;
                LogBatchRetry(logger, Name, attempt, e);
                await Task.Delay(options.RetryDelay * attempt, ct);
            }
        }
        try
        {
            await IsolateAsync(connection, from, batch, ct);
        }
        catch (CheckpointFencedException) when (!rebuilding)
        {
            // someone else moved on meanwhile
        }
        return (batch.Count, batch[^1].Position);
    }

    /// <summary>
    /// The batch keeps failing: apply its events one at a time. Those that still fail wait in a list and are dead-lettered in the
    /// transaction of the next event that applies (or at the end of the batch), so a run that reaches the limit is never skipped.
    /// </summary>
    private async Task IsolateAsync(NpgsqlConnection connection, GlobalPosition from, List<RawEvent> batch, CancellationToken ct)
    {
        var position = from;
        var covered = 0; // rows of the batch the checkpoint has passed
        var failing = new List<DeadLetter>();
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            if (!types.Contains(row.EventType)) continue;
            var error = await ApplyAloneAsync(connection, position, row, i + 1 - covered, failing, ct);
            if (error is null)
            {
                LogDeadLettered(failing);
                failing.Clear();
                poisonInARow = 0;
                position = row.Position;
                covered = i + 1;
                continue;
            }
            failing.Add(new DeadLetter(row, options.MaxAttempts, error));
            if (++poisonInARow >= options.PoisonLimit)
                await StopAsync(connection, failing[0].Event, $"{poisonInARow} events in a row failed every attempt", error, ct);
        }
        if (covered == batch.Count) return;
        await ApplyAsync(connection, position, batch[^1].Position, batch.Count - covered, [], failing, ct);
        LogDeadLettered(failing);
    }

    /// <summary>One event in its own transaction (with the dead letters before it); the error when it failed every attempt.</summary>
    private async Task<Exception?> ApplyAloneAsync(NpgsqlConnection connection, GlobalPosition from, RawEvent row, int rows,
        List<DeadLetter> failing, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyAsync(connection, from, row.Position, rows, [store.ToStoredEvent(row)], failing, ct);
                return null;
            }
            catch (Exception e) when (e is not CheckpointFencedException && !IsConnectionProblem(e, connection) && !ct.IsCancellationRequested)
            {
                switch (FailureCause.Of(e))
                {
                    case FailureKind.Environment:
                        await StopAsync(connection, row, "the database refused it", e, ct);
                        break;
                    case FailureKind.Transient:
                        // Never a dead letter: a timeout or a deadlock says nothing about the event. Say so while it lasts.
                        if (attempt >= options.MaxAttempts)
                            await Checkpoints.NoteAsync(connection, Name, $"retrying {row.EventType} at {row.Position}: {e.Message}", ct);
                        LogTransientRetry(logger, Name, row.EventType, row.Position, attempt, e);
                        await Task.Delay(Backoff(attempt), ct);
                        continue;
                }
                if (attempt >= options.MaxAttempts) return e;
                await Task.Delay(options.RetryDelay, ct);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    /// <summary>Status failed with why, then throws: nothing past the checkpoint is skipped.</summary>
    private async Task StopAsync(NpgsqlConnection connection, RawEvent at, string why, Exception error, CancellationToken ct)
    {
        var failure = new ProjectionFailedException(Name, at.Position, at.EventType, new InvalidOperationException($"{why}: {error.Message}", error));
        await Checkpoints.StopAsync(connection, Name, failure.Message, build, ct);
        LogStopped(logger, Name, at.EventType, at.Position, error);
        throw failure;
    }

    /// <summary>
    /// A failed projection is tried again by a node of a build that has not failed at this checkpoint (a fix deployed; two builds
    /// side by side each try once, not in turns for ever) or one started after it failed (a restart); any other node lets go of it.
    /// </summary>
    private async Task ResumeOrStandDownAsync(NpgsqlConnection connection, Checkpoints.Row checkpoint, CancellationToken ct)
    {
        var retry = !checkpoint.FailedOn(build) || checkpoint.FailedAt is not { } failedAt || StartedAt is { } started && failedAt < started;
        if (!retry) throw new ProjectionStoodDownException(Name, "it failed on this node's build since this node started");
        if (await Checkpoints.ResumeAsync(connection, Name, ct)) LogResumed(logger, Name, checkpoint.FailedBy);
    }

    /// <summary>
    /// An event of a type this projection handles, stored at a schema version newer than this build's, belongs to a newer node:
    /// skipping it (or dead-lettering it) would lose it for the projection's newer code. Such events never deserialize, so only a page
    /// with an unreadable event is looked at.
    /// </summary>
    private async Task StandDownOnNewerEventAsync(NpgsqlConnection connection, FeedPage page, CancellationToken ct)
    {
        if (page.Unreadable is null) return;
        foreach (var row in page.Raw)
        {
            if (!types.Contains(row.EventType) || row.SchemaVersion <= store.Registry.For(row.EventType).SchemaVersion) continue;
            var reason = $"{row.EventType} at {row.Position} is stored at v{row.SchemaVersion}, newer than this build's " +
                         $"v{store.Registry.For(row.EventType).SchemaVersion}; waiting for a node that knows it";
            await Checkpoints.NoteAsync(connection, Name, reason, ct);
            throw new ProjectionStoodDownException(Name, reason);
        }
    }

    /// <summary>
    /// One transaction: the projection's writes for <paramref name="events"/>, the dead letters before them, the dead letters a
    /// rebuild now resolves, and the checkpoint move over <paramref name="rows"/> rows of the feed.
    /// </summary>
    private async Task ApplyAsync(NpgsqlConnection connection, GlobalPosition from, GlobalPosition to, int rows, List<StoredEvent> events,
        List<DeadLetter> deadLetters, CancellationToken ct)
    {
        if (continuityEnd != from) continuity = new object();
        continuityEnd = null; // until this batch commits
        await using var tx = await connection.BeginTransactionAsync(ct);
        var context = new ProjectionContext(connection, tx) { Continuity = continuity, Shadow = building };
        if (events.Count > 0) await projection.ApplyAsync(events, context, ct);
        var resolved = Resolved(from, to, deadLetters);
        if (deadLetters.Count > 0 || resolved.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, tx);
            if (deadLetters.Count > 0) Checkpoints.DeadLetter(batch, Name, deadLetters);
            if (resolved.Count > 0) Checkpoints.Resolve(batch, Name, resolved);
            await batch.ExecuteNonQueryAsync(ct);
        }
        await Checkpoints.AdvanceAsync(connection, tx, Name, from, to, rows, ct);
        await tx.CommitAsync(ct);
        continuityEnd = to;
        if (resolved.Count > 0) openDeadLetters.RemoveAll(resolved.Contains);
        context.Committed();
    }

    /// <summary>The open dead letters in (from, to] that applied this time (not failing again).</summary>
    private List<GlobalPosition> Resolved(GlobalPosition from, GlobalPosition to, List<DeadLetter> failing)
    {
        if (openDeadLetters.Count == 0) return [];
        return openDeadLetters.Where(p => p > from && p <= to && !failing.Exists(f => f.Event.Position == p)).ToList();
    }

    private void LogDeadLettered(List<DeadLetter> letters)
    {
        foreach (var l in letters) LogDeadLettered(logger, Name, l.Event.EventType, l.Event.Position, l.Error);
    }

    [LoggerMessage(LogLevel.Warning, "Projection {Projection} batch failed (attempt {Attempt}); retrying")]
    private static partial void LogBatchRetry(ILogger logger, string projection, int attempt, Exception e);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection}: transient failure on {EventType} at {Position} (attempt {Attempt}); retrying")]
    private static partial void LogTransientRetry(ILogger logger, string projection, string eventType, GlobalPosition position, int attempt,
        Exception e);

    [LoggerMessage(LogLevel.Error, "Projection {Projection} dead-lettered {EventType} at {Position}")]
    private static partial void LogDeadLettered(ILogger logger, string projection, string eventType, GlobalPosition position, Exception e);

    [LoggerMessage(LogLevel.Error, "Projection {Projection} stopped at {EventType} at {Position}; nothing after it is skipped")]
    private static partial void LogStopped(ILogger logger, string projection, string eventType, GlobalPosition position, Exception e);

    [LoggerMessage(LogLevel.Information, "Projection {Projection} failed on build {Build}; trying it again")]
    private static partial void LogResumed(ILogger logger, string projection, string? build);
}
