using Npgsql;

namespace Crm.EventStore.Daemon;

/// <summary>What a failed batch says about what to do next.</summary>
public enum FailureKind
{
    /// <summary>Will likely pass if tried again (a deadlock, a serialization failure, a timeout, a full disk): retry, never skip.</summary>
    Transient,

    /// <summary>This event cannot be projected (bad data, a constraint, a bug on its shape): after retries it becomes a dead letter.</summary>
    Poison,

    /// <summary>The code and the database disagree (a missing column or table, a privilege): every event would fail; stop, skip nothing.</summary>
    Environment,
}

/// <summary>
/// Tells the kinds of failure apart by their cause, not by how often they happen: a statement timeout or a missing column during a
/// rolling deploy must never turn a batch of 5,000 events into dead letters.
/// </summary>
public static class FailureCause
{
    public static FailureKind Of(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return OfSqlState(pg.SqlState);
                case NpgsqlException:
                case TimeoutException:
                case System.IO.IOException:
                case System.Net.Sockets.SocketException:
                    return FailureKind.Transient; // the client's side of a broken or slow connection
            }
        }
        return FailureKind.Poison;
    }

    /// <summary>By PostgreSQL's error classes (Appendix A of its manual).</summary>
    public static FailureKind OfSqlState(string sqlState) => sqlState switch
    {
        "40001" or "40P01" => FailureKind.Transient,         // serialization failure, deadlock
        "55P03" or "57014" => FailureKind.Transient,         // lock not available, statement timeout / cancel
        "25006" => FailureKind.Transient,                    // read-only transaction: a fail-over in progress
        "55000" => FailureKind.Environment,                  // object not in prerequisite state
        _ when sqlState.Length != 5 => FailureKind.Poison,
        _ => sqlState[..2] switch
        {
            "08" or "53" or "57" or "58" => FailureKind.Transient,   // connection, resources (disk, memory), shutdown, I/O
            "42" or "0A" or "3D" or "3F" or "28" or "F0" or "XX" => FailureKind.Environment, // schema, privileges, config, internal
            _ => FailureKind.Poison,                                // data (22), integrity (23), raise (P0), cardinality (21)…
        },
    };
}
