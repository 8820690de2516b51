using System.Text.Json;
using Crm.Host.Pool;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Pool;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

/// <summary>The opportunity host on a hand-moved clock, its recycling job run by the test alone (never by its timer).</summary>
public sealed class DealsOnAClockFixture : HostFixture
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Crm:Recycling:Enabled", "false")];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>One run of the recycling job, now on the clock.</summary>
    public Task<int> RecycleAsync() => Services.GetRequiredService<RecyclingService>().RunOnceAsync(CancellationToken.None);
}

/// <summary>CUS-1 / CUS-7: a won opportunity is the customer's lastDealAt, which the pool's deal rules read.</summary>
public sealed class last_deal_and_recycling(DealsOnAClockFixture host) : IClassFixture<DealsOnAClockFixture>
{
    [Fact]
    public async Task a_won_deal_keeps_a_customer_from_the_deal_and_follow_up_rules_until_the_deal_is_reopened()
    {
        await host.DefaultPipelineAsync();
        var dealer = (await host.Admin.CreateCustomerAsync()).Id();
        var idle = (await host.Admin.CreateCustomerAsync()).Id();
        var deal = await host.CreateOpportunityAsync(host.Admin, dealer);

        host.Clock.Advance(TimeSpan.FromDays(20));
        var admin = await host.SignedInAsync(HostFixture.AdminMobile, HostFixture.AdminPassword);
        var wonAt = host.Clock.GetUtcNow();
        await admin.SendAsync(HttpMethod.Post, $"{Route}/{deal.Id()}/win");
        var detail = await admin.GetJsonAsync($"{CustomerApi.Route}/{dealer}");
        Assert.InRange(detail.GetProperty("lastDealAt").GetDateTimeOffset(), wonAt.AddSeconds(-1), wonAt.AddSeconds(1));
        var listed = (await admin.GetJsonAsync($"{CustomerApi.Route}?limit=100")).GetProperty("items").EnumerateArray().ToDictionary(i => i.Id());
        Assert.Equal(detail.GetProperty("lastDealAt").GetDateTimeOffset(), listed[dealer].GetProperty("lastDealAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, listed[idle].GetProperty("lastDealAt").ValueKind);

        // No deal for 30 days: 35 days after both were created, only the one without a deal goes to the pool.
        await admin.SendAsync(HttpMethod.Put, "/api/pool/rules",
            new { claimCooldownDays = 7, rules = new[] { new { name = "No deal for 30 days", daysWithoutDeal = 30 } } });
        host.Clock.Advance(TimeSpan.FromDays(15));
        admin = await host.SignedInAsync(HostFixture.AdminMobile, HostFixture.AdminPassword);
        await host.RecycleAsync();
        Assert.True(await InPoolAsync(admin, idle));
        Assert.False(await InPoolAsync(admin, dealer));

        // No follow-up for 30 days, customers with deals exempt: the dealer (never followed up) is kept.
        await admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new
        {
            claimCooldownDays = 7, rules = new[] { new { name = "Quiet for 30 days", daysWithoutFollowUp = 30, exemptCustomersWithDeals = true } },
        });
        await host.RecycleAsync();
        Assert.False(await InPoolAsync(admin, dealer));

        // Reopened, the deal no longer counts: the same rule is due for the dealer now.
        await admin.SendAsync(HttpMethod.Post, $"{Route}/{deal.Id()}/reopen", new { });
        Assert.Equal(JsonValueKind.Null, (await admin.GetJsonAsync($"{CustomerApi.Route}/{dealer}")).GetProperty("lastDealAt").ValueKind);
        await host.RecycleAsync();
        Assert.True(await InPoolAsync(admin, dealer));
    }

    internal static async Task<bool> InPoolAsync(ApiCaller admin, Guid customer) =>
        (await admin.GetJsonAsync($"{CustomerApi.Route}/{customer}")).GetProperty("inPool").GetBoolean();
}

/// <summary>CUS-7: the recycling's last-deal re-check sees a win that was in flight when it ran (its own host: it moves the clock).</summary>
public sealed class recycling_and_a_deal_in_flight(DealsOnAClockFixture host) : IClassFixture<DealsOnAClockFixture>
{
    [Fact]
    public async Task a_recycling_waits_for_a_deal_in_flight_and_then_keeps_the_customer()
    {
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        await host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules",
            new { claimCooldownDays = 7, rules = new[] { new { name = "No deal for 30 days", daysWithoutDeal = 30 } } });
        host.Clock.Advance(TimeSpan.FromDays(40));
        var admin = await host.SignedInAsync(HostFixture.AdminMobile, HostFixture.AdminPassword);

        // A win's deal row written but not committed yet (a plain read inside the recycling would not see it).
        await using var win = await host.Database.DataSource.OpenConnectionAsync();
        await using var tx = await win.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(
            "insert into crm.customer_deals (opportunity_id, customer_id, amount, currency, won_at, created_at) values (@o, @c, 1, 'CNY', @at, @at)", win, tx))
        {
            insert.Parameters.AddWithValue("o", Guid.CreateVersion7());
            insert.Parameters.AddWithValue("c", customer);
            insert.Parameters.AddWithValue("at", host.Clock.GetUtcNow());
            await insert.ExecuteNonQueryAsync();
        }
        var recycling = host.RecycleAsync();
        // The recycling's re-check waits for the deal's transaction; commit it only once it is seen waiting.
        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await WaitsOnDealsAsync())
        {
            Assert.False(recycling.IsCompleted, "the recycling did not wait for the deal in flight");
            await Task.Delay(20, waited.Token);
        }
        await tx.CommitAsync();
        await recycling;
        Assert.False(await last_deal_and_recycling.InPoolAsync(admin, customer));
    }

    private async Task<bool> WaitsOnDealsAsync()
    {
        await using var cmd = host.Database.DataSource.CreateCommand(
            "select exists (select 1 from pg_locks where relation = 'crm.customer_deals'::regclass and not granted)");
        return await cmd.ExecuteScalarAsync() is true;
    }
}

/// <summary>
/// A recycling pass asks whether it still leads before each page of candidates (issue 13: a leader that lost its lock connection
/// kept recycling beside the new leader): when it does not, it stops there, having changed nothing more.
/// </summary>
public sealed class recycling_checks_its_leadership(DealsOnAClockFixture host) : IClassFixture<DealsOnAClockFixture>
{
    [Fact]
    public async Task a_pass_that_no_longer_leads_stops_before_its_next_page()
    {
        var quiet = (await host.Admin.CreateCustomerAsync()).Id();
        await host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules",
            new { claimCooldownDays = 7, rules = new[] { new { name = "Quiet for 30 days", daysWithoutFollowUp = 30 } } });
        host.Clock.Advance(TimeSpan.FromDays(31));
        var admin = await host.SignedInAsync(HostFixture.AdminMobile, HostFixture.AdminPassword);
        var service = host.Services.GetRequiredService<RecyclingService>();

        await Assert.ThrowsAsync<TimeoutException>(() => service.RunOnceAsync(CancellationToken.None, _ => throw new TimeoutException("lock connection gone")));
        Assert.False(await last_deal_and_recycling.InPoolAsync(admin, quiet));

        var checks = 0;
        await service.RunOnceAsync(CancellationToken.None, _ =>
        {
            checks++;
            return Task.CompletedTask;
        });
        Assert.True(await last_deal_and_recycling.InPoolAsync(admin, quiet));
        Assert.True(checks >= 2, $"asked {checks} time(s): before the page with the customer and before the empty page after it");
    }
}
