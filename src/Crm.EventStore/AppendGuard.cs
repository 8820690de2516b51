using Npgsql;

namespace Crm.EventStore;

/// <summary>
/// What a rule spanning several streams needs from one append (e.g. "no two customers with the same
/// phone"): <see cref="Locks"/> are taken first inside the append's own transaction, as
/// transaction-scoped advisory locks (released by its commit or rollback; they assign no transaction
/// id), then <see cref="StillHolds"/> re-reads the facts the decision rested on in that transaction,
/// and only then are the events written. The append therefore uses one connection, whatever it locks:
/// a lock held on a second connection while waiting for the append's could exhaust the pool.
/// </summary>
/// <param name="Locks">Names locked in sorted order (two appends sharing several names cannot deadlock); hashed by PostgreSQL.</param>
/// <param name="StillHolds">False when the facts changed since the decision: the append rolls back and raises <see cref="FactsChangedException"/>.</param>
public sealed record AppendGuard(IReadOnlyList<string> Locks, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<bool>> StillHolds)
{
    /// <summary>Both guards' locks, and both their facts re-checked (a command under two rules across records).</summary>
    public AppendGuard And(AppendGuard? other) => other is null ? this
        : new([.. Locks, .. other.Locks], async (connection, tx, ct) => await StillHolds(connection, tx, ct) && await other.StillHolds(connection, tx, ct));
}

/// <summary>An append's <see cref="AppendGuard"/> found that the facts its decision rested on changed: nothing was written; decide again.</summary>
public sealed class FactsChangedException() : Exception("The facts the decision rested on changed before its append; nothing was written.");
