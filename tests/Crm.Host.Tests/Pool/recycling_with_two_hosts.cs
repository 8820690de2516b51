using System.Net.Http.Json;
using Crm.Host.Pool;
using Crm.Host.Tests.Identity;
using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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
    public WebApplicationFactory<Program> A { get; private set; } = null!;
    public WebApplicationFactory<Program> B { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        A = Host();
        B = Host();
        using var anonymous = A.CreateClient();
        _ = B.Server;
        var token = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { mobile = HostFixture.AdminMobile, password = HostFixture.AdminPassword })).JsonAsync();
        Admin = A.CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Production");
        web.UseSetting("CRM_DATABASE", Database.ConnectionString);
        web.UseSetting("CRM_ADMIN_MOBILE", HostFixture.AdminMobile);
        web.UseSetting("CRM_ADMIN_PASSWORD", HostFixture.AdminPassword);
        web.UseSetting("Crm:Recycling:IntervalSeconds", "0.05");
        web.UseSetting("Crm:Recycling:LeaderRetrySeconds", "0.1");
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    });

    public RecyclingService[] Services => [A.Services.GetRequiredService<RecyclingService>(), B.Services.GetRequiredService<RecyclingService>()];

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class recycling_with_two_hosts(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task customers_past_the_rule_are_warned_once_and_recycled_exactly_once_while_locked_ones_stay()
    {
        var rule = new { name = "Quiet for 30 days", daysWithoutFollowUp = 30, warningDaysBefore = 3 };
        Assert.Equal(200, (int)(await hosts.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = new[] { rule } })).StatusCode);
        var quiet = new[] { (await hosts.Admin.CreateCustomerAsync()).Id(), (await hosts.Admin.CreateCustomerAsync()).Id() };
        var locked = (await hosts.Admin.CreateCustomerAsync()).Id();
        await hosts.Admin.SendAsync(HttpMethod.Post, $"{Route}/{locked}/lock", null);

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

            await leader.DisposeAsync();

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
