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

    public NpgsqlBatch CreateBatch() => new(Connection) { Transaction = Transaction };

    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

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

    /// <summary>Deletes everything the projection wrote, so a rebuild starts from zero.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken ct);
}
