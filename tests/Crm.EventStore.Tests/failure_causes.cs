using Crm.EventStore.Daemon;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>The daemon's reading of an error's cause (pure: no database).</summary>
public sealed class failure_causes
{
    [Theory]
    [InlineData("40001", FailureKind.Transient)] // serialization failure
    [InlineData("40P01", FailureKind.Transient)] // deadlock
    [InlineData("57014", FailureKind.Transient)] // statement timeout
    [InlineData("55P03", FailureKind.Transient)] // lock timeout
    [InlineData("53100", FailureKind.Transient)] // disk full
    [InlineData("57P01", FailureKind.Transient)] // administrator shutdown
    [InlineData("08006", FailureKind.Transient)] // connection failure
    [InlineData("25006", FailureKind.Transient)] // read-only transaction (fail-over)
    [InlineData("42703", FailureKind.Environment)] // undefined column: a rolling deploy
    [InlineData("42P01", FailureKind.Environment)] // undefined table
    [InlineData("42501", FailureKind.Environment)] // insufficient privilege
    [InlineData("0A000", FailureKind.Environment)] // feature not supported
    [InlineData("XX000", FailureKind.Environment)] // internal error
    [InlineData("22P02", FailureKind.Poison)] // invalid text representation: this event's data
    [InlineData("23505", FailureKind.Poison)] // unique violation
    [InlineData("23502", FailureKind.Poison)] // not null violation
    [InlineData("P0001", FailureKind.Poison)] // raised by a function on this row
    public void a_server_error_is_read_by_its_sql_state(string sqlState, FailureKind kind) =>
        Assert.Equal(kind, FailureCause.Of(new PostgresException("message", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void a_broken_connection_or_a_client_timeout_is_transient() =>
        Assert.All<Exception>([new NpgsqlException("broken"), new TimeoutException(), new IOException("reset")],
            e => Assert.Equal(FailureKind.Transient, FailureCause.Of(e)));

    [Fact]
    public void the_cause_is_found_inside_a_wrapping_exception() =>
        Assert.Equal(FailureKind.Environment,
            FailureCause.Of(new InvalidOperationException("projection failed", new PostgresException("m", "ERROR", "ERROR", "42P01"))));

    [Fact]
    public void a_bug_or_bad_data_in_the_projection_code_is_poison() =>
        Assert.All<Exception>([new InvalidOperationException(), new FormatException(), new System.Text.Json.JsonException(), new EventTypeException("bad")],
            e => Assert.Equal(FailureKind.Poison, FailureCause.Of(e)));
}
