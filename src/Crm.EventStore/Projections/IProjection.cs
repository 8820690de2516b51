using Npgsql;

namespace Crm.EventStore.Projections;

/// <summary>The connection and transaction a projection writes in: the append's (inline) or the daemon's (async).</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private List<Action>? committed;

    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>
    /// The same object from one daemon batch to the next for as long as one runner applies them back to back, each starting where
    /// the one before committed; a new one after anything else (a failed or fenced batch, a dead letter, a reset, a change of
    /// leader). Null inline. What a projection remembers of a batch (<see cref="ProjectionCache{TKey,TValue}"/>) holds for the next
    /// only while this stays the same.
    /// </summary>
    public object? Continuity { get; internal init; }

    /// <summary>
    /// Set while a blue/green rebuild builds the projection's shadow tables: every statement made here is pointed at them. A
    /// projection therefore makes its commands and batches through this context only (and reads a batch only through
    /// ExecuteNonQuery/ExecuteScalar — a batch's reader cannot be redirected).
    /// </summary>
    internal Rebuilds.ShadowTables? Shadow { get; init; }

    public NpgsqlBatch CreateBatch() =>
        Shadow is null ? new NpgsqlBatch(Connection) { Transaction = Transaction } : new Rebuilds.ShadowBatch(Shadow, Connection, Transaction);

    public NpgsqlCommand CreateCommand(string sql) => new(Shadow?.Apply(sql) ?? sql, Connection, Transaction);

    private List<NpgsqlBatchCommand>? deferred;

    /// <summary>Set by the engine while the last inline projection of an append runs: that projection's last writes may go with the commit.</summary>
    internal IProjection? MayDeferLastWritesOf { get; set; }

    /// <summary>
    /// <paramref name="writer"/>'s last writes of this batch (or append): nothing it — or a projection it is part of — does after this
    /// call may read or overwrite them. Run now — except when <paramref name="writer"/> is the append's last inline projection itself
    /// (not a part of it: a composite's parts run at once, so its own later statements still follow them), where the engine sends
    /// them in the commit's round trip instead, one round trip less per command. Either way they commit or roll back with the
    /// events. A batch with error barriers runs now (a barrier would let the commit run after a failed write).
    /// </summary>
    public async Task WriteLastAsync(IProjection writer, NpgsqlBatch batch, CancellationToken ct)
    {
        if (batch.BatchCommands.Count == 0) return;
        if (ReferenceEquals(writer, MayDeferLastWritesOf) && Shadow is null && batch.GetType() == typeof(NpgsqlBatch) && !batch.EnableErrorBarriers
            && !HasErrorBarrier(batch))
        {
            deferred ??= [];
            deferred.AddRange(batch.BatchCommands);
            batch.BatchCommands.Clear();
            return;
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static bool HasErrorBarrier(NpgsqlBatch batch)
    {
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            if (command.AppendErrorBarrier == true) return true;
        }
        return false;
    }

    /// <summary>The writes <see cref="WriteLastAsync"/> left for the commit, taken once.</summary>
    internal List<NpgsqlBatchCommand>? TakeDeferred()
    {
        var taken = deferred;
        deferred = null;
        return taken;
    }

    /// <summary>Runs <paramref name="action"/> once the transaction has committed; never if it does not.</summary>
    public void AfterCommit(Action action) => (committed ??= []).Add(action);

    internal void Committed()
    {
        if (committed is null) return;
        foreach (var action in committed)
        {
            // The transaction has committed: nothing after it may report the batch (or the append) as failed. An action that throws
            // loses only what it would have remembered.
            try { action(); }
            catch (Exception) { }
        }
    }
}

/// <summary>
/// A read model built from events. Its tables come from migrations of its own; the engine calls
/// <see cref="ApplyAsync"/> with events of the types it names, in feed order, and never twice for the
/// same event in a committed transaction.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name; the checkpoint and advisory lock are keyed on it. Bump a suffix to rebuild under a new version.</summary>
    string Name { get; }

    /// <summary>The event records this projection handles; all others it deliberately ignores.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct);

    /// <summary>
    /// The tables this projection alone writes, schema-qualified (<c>crm.customers</c>): a blue/green rebuild builds a shadow of
    /// each and swaps them in together. Empty for a projection that keeps no rows of its own to rebuild (its reset is its rebuild).
    /// </summary>
    IReadOnlyList<string> Tables => [];

    /// <summary>Deletes everything the projection wrote, so a rebuild starts from zero.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken ct);
}
