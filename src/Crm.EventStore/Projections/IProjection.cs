using Npgsql;

namespace Crm.EventStore.Projections;

/// <summary>The connection and transaction a projection writes in: the append's (inline) or the daemon's (async).</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction Transaction { get; } = transaction;

    public NpgsqlBatch CreateBatch() => new(Connection) { Transaction = Transaction };

    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);
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
