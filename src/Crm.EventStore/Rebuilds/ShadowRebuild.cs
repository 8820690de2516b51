using System.Collections.Frozen;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore.Rebuilds;

/// <summary>
/// One blue/green rebuild of an inline projection while writes go on: its tables are built afresh as shadows from the whole
/// feed (the live ones keep serving reads and taking the appends' inline writes), the tail is drained, and the shadows replace
/// the live tables in one short transaction that holds the inline gate exclusively — appends hold it in shared mode, so no
/// append's inline writes land half before and half after the swap, and none is in flight while the last events are read.
/// Readers never see an empty or half-built table: until the swap they read the old one, after it the new one.
/// </summary>
internal sealed class ShadowRebuild(EventStore store, IProjection projection, ShadowRebuildOptions options)
{
    /// <summary>The inline gate's advisory lock key (es.inline_gate() takes it shared).</summary>
    public const long GateKey = 5283721309746913;

    private readonly ShadowTables shadow = new(projection.Tables);
    private readonly FrozenSet<string> types = store.TypeNames(projection);

    /// <summary>Events applied to the shadow so far.</summary>
    public long Applied { get; private set; }

    /// <summary>Builds the shadows, catches them up, swaps them in. <paramref name="progress"/> hears the count after each batch.</summary>
    public async Task RunAsync(NpgsqlConnection connection, Func<long, Task> progress, CancellationToken ct)
    {
        await ShadowSchema.CreateShadowsAsync(connection, shadow, ct);
        var position = GlobalPosition.Start;
        await using var read = await store.DataSource.OpenConnectionAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            position = await CatchUpAsync(connection, read, position, progress, ct);
            await ShadowSchema.VacuumAsync(connection, shadow, ct);
            // What came during the vacuum (minutes on a big table), so the swap's tail under the gate stays short.
            position = await CatchUpAsync(connection, read, position, progress, ct);
            if (options.BeforeSwap is { } beforeSwap) await beforeSwap(ct);
            try
            {
                // The last attempt takes the whole tail, however long: a rebuild must end.
                await SwapAsync(connection, position, attempt < options.SwapAttempts ? options.SwapTailLimit : int.MaxValue, ct);
                return;
            }
            catch (Exception e) when ((ShadowSchema.IsContention(e) || e is TailTooLongException) && attempt < options.SwapAttempts)
            {
                // A long reader held a live table (or many appends the gate) past the swap's lock timeout, a deadlock ended the
                // swap, or more events came than the gate may be held for: nothing was swapped; catch up and try again — after a
                // pause that grows, since a transaction left open anywhere in the cluster holds the feed's horizon (and so what a
                // catch-up can see) back: without it every attempt could be spent in a moment and the last take the tail unbounded.
                await Task.Delay(options.SwapRetryDelay * attempt, ct);
            }
        }
    }

    private async Task<GlobalPosition> CatchUpAsync(NpgsqlConnection connection, NpgsqlConnection read, GlobalPosition position,
        Func<long, Task> progress, CancellationToken ct)
    {
        while (true)
        {
            var page = await store.ReadFeedPageAsync(read, position, options.BatchSize, types, ct);
            if (page.Raw.Count == 0) return position;
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                await ApplyAsync(connection, tx, page, ct);
                await tx.CommitAsync(ct);
            }
            position = page.Raw[^1].Position;
            await progress(Applied);
            if (page.Raw.Count < options.BatchSize) return position;
        }
    }

    private async Task SwapAsync(NpgsqlConnection connection, GlobalPosition position, int tailLimit, CancellationToken ct)
    {
        var applied = Applied;
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using (var gate = new NpgsqlCommand(
                $"set local lock_timeout = '{(int)options.SwapLockTimeout.TotalMilliseconds}ms'; select pg_advisory_xact_lock({GateKey})", connection, tx))
            {
                await gate.ExecuteNonQueryAsync(ct);
            }
            // The gate is ours: every append that runs inline projections has committed or waits. The live tables next (all at
            // once, under the same lock timeout): that waits out a writer that took no gate (a host of an older build), so everything
            // committed is final and nothing more can reach the old tables.
            await ShadowSchema.LockLiveAsync(connection, tx, shadow, ct);
            // Every inline append waits while the gate is held: a tail longer than the limit gives it back (rolled back) at once.
            for (var tail = 0; ;)
            {
                var page = await store.ReadFeedPageAsync(connection, position, (int)Math.Min(options.BatchSize, (long)tailLimit - tail + 1), types, ct,
                    beyondHorizon: true);
                if (page.Raw.Count == 0) break;
                tail += page.Raw.Count;
                if (tail > tailLimit) throw new TailTooLongException();
                await ApplyAsync(connection, tx, page, ct);
                position = page.Raw[^1].Position;
            }
            await ShadowSchema.SwapInAsync(connection, tx, shadow, ct);
            if (options.InSwap is { } inSwap) await inSwap(connection, tx, ct);
            await ShadowRebuildLog.FinishAsync(connection, tx, projection.Name, Applied, ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            Applied = applied; // rolled back: the next attempt reads the tail again
            throw;
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, FeedPage page, CancellationToken ct)
    {
        if (page.Unreadable is { } unreadable)
        {
            throw new InvalidOperationException(
                $"The event at {unreadable.Row.Position} ({unreadable.Row.EventType}) cannot be read: {unreadable.Error.Message}", unreadable.Error);
        }
        // Tests install triggers that refuse writes to the live tables while this is set: a statement the shadow missed fails loudly.
        await using (var mark = new NpgsqlCommand("set local crm.shadow_build = 'on'", connection, tx)) await mark.ExecuteNonQueryAsync(ct);
        if (page.Events.Count > 0) await projection.ApplyAsync(page.Events, new ProjectionContext(connection, tx) { Shadow = shadow }, ct);
        Applied += page.Events.Count;
    }
}

public sealed record ShadowRebuildOptions
{
    /// <summary>Events read and applied per transaction while the shadows are built.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>How long the swap waits for a live table's readers (and the appends in flight) before it lets go and tries again.</summary>
    public TimeSpan SwapLockTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int SwapAttempts { get; init; } = 10;

    /// <summary>The pause after the first failed swap attempt; the n-th waits n times as long.</summary>
    public TimeSpan SwapRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The most events the swap applies while it holds the inline gate (every inline append waits meanwhile); more, and it lets go,
    /// catches up outside the gate and tries again — except on its last attempt.
    /// </summary>
    public int SwapTailLimit { get; init; } = 1000;

    /// <summary>Run before each swap attempt, once the shadows have caught up (tests use it to append at that moment).</summary>
    public Func<CancellationToken, Task>? BeforeSwap { get; init; }

    /// <summary>
    /// Also done in each swap's transaction (the host bumps org.access_version: a cached org snapshot read in a repeatable-read
    /// transaction across the swap may hold the new tables without their last rows, and must be reloaded).
    /// </summary>
    public Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? InSwap { get; init; }
}

/// <summary>More events arrived than a swap may apply under the inline gate: it was rolled back, to be tried again.</summary>
internal sealed class TailTooLongException() : Exception("The tail exceeded the swap's limit under the inline gate.");
