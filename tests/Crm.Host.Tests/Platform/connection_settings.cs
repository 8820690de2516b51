using Crm.Host.Platform;
using Crm.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// What the server is told on every connection: a transaction left idle ends after a minute (it would hold the event feed back);
/// the leaders' connections probe their peer every few seconds, so a half-open leader gives its lock up in seconds.
/// </summary>
public sealed class connection_settings
{
    [Fact]
    public async Task the_app_connections_end_idle_transactions_and_the_leaders_connections_keep_alive_on_both_ends()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var app = DatabaseSetup.Builder(db.ConnectionString).Build();
        await using var leaders = LeadershipDataSource.Create(db.ConnectionString, NullLoggerFactory.Instance);

        Assert.Equal("1min", await ShowAsync(app, "idle_in_transaction_session_timeout"));
        Assert.Equal("1min", await ShowAsync(leaders.DataSource, "idle_in_transaction_session_timeout"));
        Assert.Equal(("5", "2", "3"), (await ShowAsync(leaders.DataSource, "tcp_keepalives_idle"),
            await ShowAsync(leaders.DataSource, "tcp_keepalives_interval"), await ShowAsync(leaders.DataSource, "tcp_keepalives_count")));
        var settings = new NpgsqlConnectionStringBuilder(leaders.DataSource.ConnectionString);
        Assert.Equal((5, true), (settings.KeepAlive, settings.TcpKeepAlive));
    }

    [Fact]
    public async Task an_idle_transaction_is_ended_by_the_server_when_the_connection_string_asks_for_less()
    {
        await using var db = await TestDatabase.CreateAsync();
        // The setting comes from the connection string when it has one: here a short one, to see the server act on it.
        await using var app = DatabaseSetup.Builder(db.ConnectionString + ";Options=-c idle_in_transaction_session_timeout=200").Build();
        await using var connection = await app.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("select 1", connection, tx)) await cmd.ExecuteScalarAsync();
        await Task.Delay(1_000);

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var again = new NpgsqlCommand("select 1", connection, tx);
            await again.ExecuteScalarAsync();
        });
    }

    private static async Task<string> ShowAsync(NpgsqlDataSource dataSource, string setting)
    {
        await using var cmd = dataSource.CreateCommand($"show {setting}");
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
