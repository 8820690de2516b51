using Crm.Host.Platform;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// The main data source does not reset connections when they return to its pool (No Reset On Close: seven statements
/// saved per connection open). That is safe only while no session advisory lock is ever taken through it, since
/// nothing would drop one an unlock missed: the daemon's and the recycler's leadership and the first signing key use
/// <see cref="LeadershipDataSource"/>, which keeps the reset.
/// </summary>
public sealed class session_locks_only_on_the_leadership_pool(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void the_main_pool_skips_the_reset_and_the_leadership_pool_keeps_it()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).NoResetOnClose);
        var leaders = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<LeadershipDataSource>().DataSource.ConnectionString);
        Assert.False(leaders.NoResetOnClose);
        Assert.EndsWith(LeadershipDataSource.ApplicationSuffix, leaders.ApplicationName);
    }

    [Fact]
    public async Task every_session_advisory_lock_is_held_by_a_leadership_connection()
    {
        // Traffic through the main pool first: its connections are then idle in the pool, holding whatever they took.
        for (var i = 0; i < 5; i++) await host.Admin.CreateCustomerAsync();
        await host.Admin.GetJsonAsync(Route);

        await using var admin = await host.Database.DataSource.OpenConnectionAsync();
        // An idle backend is outside any transaction, so an advisory lock it holds is a session lock.
        await using var held = new NpgsqlCommand(
            """
            select a.application_name
              from pg_locks l join pg_stat_activity a on a.pid = l.pid
             where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
               and a.state = 'idle'
            """, admin);
        List<string> holders = [];
        // The daemon's runner and the recycler take their leadership in the background after the host starts: wait for one.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (holders.Count == 0)
        {
            await Task.Delay(20, patience.Token);
            holders.Clear();
            await using var reader = await held.ExecuteReaderAsync(patience.Token);
            while (await reader.ReadAsync(patience.Token)) holders.Add(reader.GetString(0));
        }

        Assert.All(holders, name => Assert.EndsWith(LeadershipDataSource.ApplicationSuffix, name));
    }
}
