using Crm.Host.Pool;
using Crm.Host.Tests.Identity;
using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Pool;

/// <summary>A clock the test moves by hand; timers still run in real time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>Two hosts on one database, both running the recycling job on the same hand-moved clock.</summary>
public sealed class TwoHosts : IAsyncLifetime
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public TestDatabase Database { get; private set; } = null!;
    public IAlbaHost A { get; private set; } = null!;
    public IAlbaHost B { get; private set; } = null!;

    /// <summary>The bootstrap super administrator, on host A.</summary>
    public ApiCaller Admin { get; private set; } = null!;

    private readonly HashSet<IAlbaHost> stopped = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        A = await AlbaHost.For<Program>(Configure);
        B = await AlbaHost.For<Program>(Configure);
        var signIn = await new ApiCaller(A, null).Scenario(s =>
        {
            s.Post.Json(new { mobile = HostFixture.AdminMobile, password = HostFixture.AdminPassword }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBeSuccess();
        });
        Admin = new ApiCaller(A, signIn.Json().GetProperty("accessToken").GetString());
    }

    private void Configure(IWebHostBuilder web)
    {
        web.UseEnvironment("Production");
        web.UseSetting("CRM_DATABASE", Database.ConnectionString);
        web.UseSetting("CRM_ADMIN_MOBILE", HostFixture.AdminMobile);
        web.UseSetting("CRM_ADMIN_PASSWORD", HostFixture.AdminPassword);
        web.UseSetting("Crm:Recycling:IntervalSeconds", "0.05");
        web.UseSetting("Crm:Recycling:LeaderRetrySeconds", "0.1");
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The daemon's read models and subscriptions caught up (whichever host leads them), then Wolverine's inbox drained.</summary>
    public async Task CaughtUpAsync()
    {
        await A.Services.GetRequiredService<Crm.EventStore.Daemon.ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await A.Services.GetRequiredService<Crm.Host.Outbox.OutboxStatus>().WaitForDrainAsync(TimeSpan.FromSeconds(60));
    }

    public RecyclingService[] Services => [A.Services.GetRequiredService<RecyclingService>(), B.Services.GetRequiredService<RecyclingService>()];

    /// <summary>Stops one host for good (the other keeps running); disposing the pair later skips it.</summary>
    public async Task StopAsync(IAlbaHost host)
    {
        if (stopped.Add(host)) await host.DisposeAsync();
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a start that failed must not hide its cause behind a failed clean-up.
        if (A is not null) await StopAsync(A);
        if (B is not null) await StopAsync(B);
        if (Database is not null) await Database.DisposeAsync();
    }
}

public sealed class recycling_with_two_hosts(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task customers_past_the_rule_are_warned_once_and_recycled_exactly_once_while_locked_ones_stay()
    {
        var rule = new { name = "Quiet for 30 days", daysWithoutFollowUp = 30, warningDaysBefore = 3 };
        await hosts.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = new[] { rule } });
        var quiet = new[] { (await hosts.Admin.CreateCustomerAsync()).Id(), (await hosts.Admin.CreateCustomerAsync()).Id() };
        var locked = (await hosts.Admin.CreateCustomerAsync()).Id();
        await hosts.Admin.SendAsync(HttpMethod.Post, $"{Route}/{locked}/lock");

        // Inside the warning window: each owner is warned once, however many runs and hosts.
        hosts.Clock.Advance(TimeSpan.FromDays(28));
        await WaitUntilAsync(async () => await CountAsync("customer.recycling-warned") == 2);
        await Task.WhenAll(hosts.Services.Select(s => s.RunOnceAsync(CancellationToken.None)));
        await MoreRunsAsync(3);
        foreach (var id in quiet) Assert.Equal(1, await CountAsync("customer.recycling-warned", id));

        // Past the rule: two overlapping runs (one per host) and the leader's runs recycle each customer once.
        hosts.Clock.Advance(TimeSpan.FromDays(3));
        await Task.WhenAll(hosts.Services.Select(s => s.RunOnceAsync(CancellationToken.None)));
        await WaitUntilAsync(async () => await CountAsync("customer.recycled") == 2);
        await MoreRunsAsync(3);
        foreach (var id in quiet) Assert.Equal(1, await CountAsync("customer.recycled", id));
        Assert.Equal(0, await CountAsync("customer.recycled", locked));
        Assert.Equal(0, await CountAsync("customer.recycling-warned", locked));
        Assert.Equal(2, await CountAsync("customer.recycled"));

        // One host leads; the other stands by.
        Assert.Single(hosts.Services, s => s.CompletedRuns > 0);
        await using var cmd = hosts.Database.DataSource.CreateCommand(
            "select count(*) from crm.customers where owner_id is null and id = any(@ids)");
        cmd.Parameters.AddWithValue("ids", quiet);
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
        await hosts.CaughtUpAsync(); // notifications are delivered through the outbox, by whichever host leads the subscription
        await using var notes = hosts.Database.DataSource.CreateCommand(
            "select kind, count(*) from crm.notifications where record_id = any(@ids) group by kind order by kind");
        notes.Parameters.AddWithValue("ids", quiet);
        await using var reader = await notes.ExecuteReaderAsync();
        var kinds = new Dictionary<string, long>();
        while (await reader.ReadAsync()) kinds[reader.GetString(0)] = reader.GetInt64(1);
        Assert.Equal(2, kinds["customer_recycling_warning"]);
        Assert.Equal(2, kinds["customer_recycled"]);
    }

    [Fact]
    public async Task when_the_leading_host_stops_the_other_one_takes_the_job_over()
    {
        var pair = new TwoHosts();
        await pair.InitializeAsync();
        try
        {
            var services = pair.Services;
            await WaitUntilAsync(() => Task.FromResult(services.Any(s => s.CompletedRuns > 0)));
            var leader = services[0].CompletedRuns > 0 ? pair.A : pair.B;
            var standBy = services[0].CompletedRuns > 0 ? services[1] : services[0];
            Assert.Equal(0, standBy.CompletedRuns);

            await pair.StopAsync(leader);

            await WaitUntilAsync(() => Task.FromResult(standBy.CompletedRuns > 0));
        }
        finally
        {
            await pair.DisposeAsync();
        }
    }

    private async Task<long> CountAsync(string eventType, Guid? stream = null)
    {
        await using var cmd = hosts.Database.DataSource.CreateCommand(
            "select count(*) from es.events where event_type = @type and (@stream::uuid is null or stream_id = @stream)");
        cmd.Parameters.AddWithValue("type", eventType);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter("stream", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)stream ?? DBNull.Value });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task MoreRunsAsync(int runs)
    {
        var target = hosts.Services.Sum(s => s.CompletedRuns) + runs;
        await WaitUntilAsync(() => Task.FromResult(hosts.Services.Sum(s => s.CompletedRuns) >= target));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the recycling job");
            await Task.Delay(25);
        }
    }
}
