using Npgsql;

namespace Crm.Host.Platform;

/// <summary>
/// The connections that hold a session advisory lock (the daemon's and the recycler's leadership, the first signing key),
/// and only those. This pool resets a connection when it comes back (Npgsql's reset runs pg_advisory_unlock_all), so a
/// lock a failed unlock left behind is dropped. The main data source skips that reset (No Reset On Close): it saved
/// seven statements per connection open on every request, and nothing on it may take a session lock (its locks are
/// transaction-scoped, released by commit or rollback; tests/Crm.Host.Tests/Platform checks it).
/// </summary>
public sealed class LeadershipDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    /// <summary>Added to the connection's Application Name, so pg_stat_activity tells these connections apart.</summary>
    public const string ApplicationSuffix = "leadership";

    /// <summary>Seconds of silence after which either end probes the other; a dead peer is noticed within about three more probes.</summary>
    public const int KeepAliveSeconds = 5;

    public NpgsqlDataSource DataSource => dataSource;

    public static LeadershipDataSource Create(string connectionString, ILoggerFactory loggers)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var name = builder.ConnectionStringBuilder.ApplicationName;
        builder.ConnectionStringBuilder.ApplicationName = string.IsNullOrEmpty(name) ? ApplicationSuffix : $"{name} {ApplicationSuffix}";
        builder.ConnectionStringBuilder.NoResetOnClose = false;
        // A leader whose connection is half-open (a network cut, a frozen VM) must give up within seconds, and the server must drop
        // its session — and the lock with it — as quickly, so a stand-by takes over: keepalives on both ends.
        builder.ConnectionStringBuilder.KeepAlive = KeepAliveSeconds;
        builder.ConnectionStringBuilder.TcpKeepAlive = true;
        builder.ConnectionStringBuilder.TcpKeepAliveTime = KeepAliveSeconds;
        builder.ConnectionStringBuilder.TcpKeepAliveInterval = 2;
        DatabaseSetup.AddServerSetting(builder, "tcp_keepalives_idle", KeepAliveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        DatabaseSetup.AddServerSetting(builder, "tcp_keepalives_interval", "2");
        DatabaseSetup.AddServerSetting(builder, "tcp_keepalives_count", "3");
        DatabaseSetup.AddServerSetting(builder, "idle_in_transaction_session_timeout", DatabaseSetup.IdleInTransactionTimeout);
        return new LeadershipDataSource(builder.UseLoggerFactory(loggers).Build());
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
