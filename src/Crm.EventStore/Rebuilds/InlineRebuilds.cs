using Crm.EventStore.Daemon;
using Crm.EventStore.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crm.EventStore.Rebuilds;

/// <summary>
/// Rebuilds and back-fills of the store's inline projections. A request is a row in es.shadow_rebuilds; whoever takes the
/// projection's session lock first carries it out — any host's daemon (<see cref="RunAsync"/> polls for requests) or the caller
/// of <see cref="RebuildAsync"/> — so one runs at a time, and a rebuild whose host dies is taken up again (from zero: the shadow is
/// derived data) by the next one to find the request.
/// </summary>
public sealed partial class InlineRebuilds
{
    private readonly EventStore store;
    private readonly ShadowRebuildOptions options;
    private readonly NpgsqlDataSource lockSource;
    private readonly ILogger logger;
    private readonly Dictionary<string, IProjection> projections;

    public InlineRebuilds(EventStore store, ShadowRebuildOptions? options = null, NpgsqlDataSource? lockSource = null, ILogger? logger = null)
    {
        this.store = store;
        this.options = options ?? new ShadowRebuildOptions();
        this.lockSource = lockSource ?? store.DataSource;
        this.logger = logger ?? NullLogger.Instance;
        projections = store.InlineProjections.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => projections.Keys;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a failed back-fill waits before it is tried again.</summary>
    public TimeSpan BackfillRetry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Asks for a rebuild without waiting for it; false when one is already asked for or under way.</summary>
    public async Task<bool> RequestAsync(string projection, CancellationToken ct = default)
    {
        Known(projection);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        return await ShadowRebuildLog.RequestAsync(connection, projection, ct);
    }

    /// <summary>Rebuilds now and waits until the new tables are in place (carried out here unless another process already is).</summary>
    public async Task RebuildAsync(string projection, CancellationToken ct = default)
    {
        await RequestAsync(projection, ct);
        while (true)
        {
            await TryCarryOutAsync(projection, ct);
            await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
            {
                var row = (await ShadowRebuildLog.ReadAsync(connection, [projection], ct)).Single();
                if (row.Status == ProjectionState.Running) return;
                if (row.Status == ProjectionState.Failed) throw new InvalidOperationException($"Rebuild of '{projection}' failed: {row.LastError}");
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Carries out requested (and orphaned) rebuilds until stopped: the daemon's part.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(ct);
                await Task.Delay(PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPollFailed(logger, e);
                try { await Task.Delay(PollInterval, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One pass over the requests: each one nobody is carrying out is carried out here, one after the other.</summary>
    public async Task RunPendingAsync(CancellationToken ct)
    {
        IReadOnlyList<ShadowRebuildLog.Row> rows;
        await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
            rows = await ShadowRebuildLog.ReadAsync(connection, Names, ct);
        foreach (var row in rows.Where(r => r.Status is ProjectionState.RebuildRequested or ProjectionState.Rebuilding
                                            || (r.Status == ProjectionState.Failed && r.Backfill && r.FinishedAt < DateTimeOffset.UtcNow - BackfillRetry)))
        {
            // A failed back-fill leaves its read model empty and skipped by appends: it is tried again, not left for an operator.
            if (row.Status == ProjectionState.Failed) await RequestAsync(row.Projection, ct);
            await TryCarryOutAsync(row.Projection, ct);
        }
    }

    /// <summary>Each inline projection's state: running (it is always up to date), or its rebuild's progress or failure.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(IReadOnlyCollection<string> names, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var rows = (await ShadowRebuildLog.ReadAsync(connection, names, ct)).ToDictionary(r => r.Projection);
        return names.Select(name => rows.TryGetValue(name, out var row)
            ? new ProjectionStatus(name, row.Status, GlobalPosition.Start, row.EventsProcessed, 0, TimeSpan.Zero, 0, row.LastError)
                { Inline = true, Backfilling = row.Backfill }
            : new ProjectionStatus(name, ProjectionState.Running, GlobalPosition.Start, 0, 0, TimeSpan.Zero, 0, null) { Inline = true }).ToList();
    }

    private IProjection Known(string projection) =>
        projections.TryGetValue(projection, out var p) ? p : throw new ArgumentException($"No inline projection named '{projection}'.", nameof(projection));

    private async Task TryCarryOutAsync(string name, CancellationToken ct)
    {
        var projection = Known(name);
        await using var connection = await lockSource.OpenConnectionAsync(ct);
        if (!await LockAsync(connection, "select pg_try_advisory_lock(hashtextextended('crm.shadow:' || @n, 0))", name, ct)) return;
        try
        {
            var row = (await ShadowRebuildLog.ReadAsync(connection, [name], ct)).SingleOrDefault();
            if (row is null || row.Status is not (ProjectionState.RebuildRequested or ProjectionState.Rebuilding)) return;
            await ShadowRebuildLog.StartAsync(connection, name, ct);
            LogStarted(logger, name, row.Backfill);
            if (projection.Tables.Count == 0) await ResetInPlaceAsync(connection, projection, ct);
            else
            {
                var rebuild = new ShadowRebuild(store, projection, options);
                await rebuild.RunAsync(connection, applied => ShadowRebuildLog.ProgressAsync(connection, name, applied, ct), ct);
            }
            LogFinished(logger, name);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Nothing of the live tables was touched: they go on serving. The shadows go (an erasure would not reach them).
            LogFailed(logger, name, e);
            await ShadowRebuildLog.FailAsync(connection, name, e.Message, CancellationToken.None);
            if (projection.Tables.Count > 0) await ShadowSchema.DropShadowsAsync(connection, new ShadowTables(projection.Tables), CancellationToken.None);
        }
        finally
        {
            await LockAsync(connection, "select pg_advisory_unlock(hashtextextended('crm.shadow:' || @n, 0))", name, CancellationToken.None);
        }
    }

    /// <summary>A projection that keeps no rows of its own (the access counter): its reset is its rebuild, under the gate like a swap.</summary>
    private static async Task ResetInPlaceAsync(NpgsqlConnection connection, IProjection projection, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var gate = new NpgsqlCommand($"select pg_advisory_xact_lock({ShadowRebuild.GateKey})", connection, tx))
            await gate.ExecuteNonQueryAsync(ct);
        await projection.ResetAsync(new ProjectionContext(connection, tx), ct);
        await ShadowRebuildLog.FinishAsync(connection, tx, projection.Name, 0, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string sql, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", name));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    [LoggerMessage(LogLevel.Information, "Rebuilding inline projection {Projection} into shadow tables (back-fill: {Backfill})")]
    private static partial void LogStarted(ILogger logger, string projection, bool backfill);

    [LoggerMessage(LogLevel.Information, "Inline projection {Projection} rebuilt: its new tables are in place")]
    private static partial void LogFinished(ILogger logger, string projection);

    [LoggerMessage(LogLevel.Error, "Rebuild of inline projection {Projection} failed; its live tables are unchanged")]
    private static partial void LogFailed(ILogger logger, string projection, Exception e);

    [LoggerMessage(LogLevel.Warning, "Looking for inline rebuilds to carry out failed; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception e);
}
