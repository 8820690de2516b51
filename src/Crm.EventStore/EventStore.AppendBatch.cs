using Npgsql;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// The append's one round trip: the inline gate first when the append runs inline projections, then what the append statement
    /// needs before it (a keyed fast append's key lock), then the statement. Under READ COMMITTED (every append's level) each statement
    /// of a batch takes its own snapshot, so one after a lock sees whatever committed while it waited for that lock.
    /// </summary>
    private static NpgsqlBatch AppendBatch(NpgsqlConnection connection, NpgsqlTransaction? tx, bool gate)
    {
        var batch = new NpgsqlBatch(connection) { Transaction = tx };
        if (gate) AddInlineGate(batch);
        return batch;
    }

    /// <summary>
    /// The inline gate, as es.inline_gate() (migration 0012) does it — kept there for hosts of an older build — but as two plain
    /// statements, which cost a quarter of the function's server time: the gate's advisory lock, shared with every other append and
    /// exclusive to a blue/green swap (Rebuilds/ShadowRebuild.cs), then, in a snapshot taken after it, the read models being
    /// back-filled (a swap that finished while this append waited has cleared its own).
    /// </summary>
    private static void AddInlineGate(NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_advisory_xact_lock_shared({Rebuilds.ShadowRebuild.GateKey})"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select coalesce((select array_agg(projection) from es.shadow_rebuilds where backfill), '{}')"));
    }

    /// <summary>Reads the gate's answer (the read models being back-filled) and moves on to the next statement's results.</summary>
    private static async Task<string[]> ReadGateAsync(NpgsqlDataReader reader, bool gate, CancellationToken ct)
    {
        if (!gate) return [];
        await reader.NextResultAsync(ct); // past the lock's row
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The inline gate returned no row.");
        var backfilling = reader.GetFieldValue<string[]>(0);
        await reader.NextResultAsync(ct);
        return backfilling;
    }
}
