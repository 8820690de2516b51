using Crm.Host.Platform;
using Npgsql;

namespace Crm.Host.Dashboard;

/// <summary>
/// The dashboard's connections: the host's settings, but every statement planned with its values (plan_cache_mode
/// force_custom_plan). A prepared statement's generic plan sees a department's owner ids as an unknown array and tests every row
/// against each id in turn; planned with them, PostgreSQL hashes the list (DashboardQueries). Planning a few statements per
/// dashboard costs far less than that. JIT compilation is off: a department's estimates pass jit_above_cost, and compiling the
/// expressions took some 25 ms of a 33 ms statement that runs in 7 ms without it (ops/bench figure 14).
/// </summary>
public sealed class DashboardDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static NpgsqlDataSourceBuilder Builder(string connectionString)
    {
        var builder = DatabaseSetup.Builder(connectionString);
        DatabaseSetup.AddServerSetting(builder, "plan_cache_mode", "force_custom_plan");
        DatabaseSetup.AddServerSetting(builder, "jit", "off");
        return builder;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
