using Crm.EventStore.Daemon;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Briefing;

public sealed class reading_the_briefing(HostFixture host) : IClassFixture<HostFixture>
{
    private Task WaitForProjectionsAsync() =>
        host.Factory.Services.GetRequiredService<ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_daemon_counts_a_users_new_leads_follow_ups_conversions_and_customers()
    {
        var (userId, sales) = await host.SalesUserAsync();
        var a = await sales.CreateLeadAsync();
        var b = await sales.CreateLeadAsync();
        await sales.PostJsonAsync($"{LeadApi.Route}/{a.GetProperty("id").GetGuid()}/follow-ups", new { kind = "phone", content = "Called" });
        var converted = await sales.PostJsonAsync($"{LeadApi.Route}/{b.GetProperty("id").GetGuid()}/convert", new { contact = new { name = "Zhang San" } });
        Assert.Equal(200, (int)converted.StatusCode);

        await WaitForProjectionsAsync();
        var mine = await (await sales.GetAsync($"/api/briefing?from={Today}&to={Today}")).JsonAsync();
        var byAdmin = await (await host.Client.GetAsync($"/api/briefing?userId={userId}")).JsonAsync();

        foreach (var briefing in new[] { mine, byAdmin })
        {
            var totals = briefing.GetProperty("totals");
            Assert.Equal((2, 1, 1, 1, 1), (totals.GetProperty("newLeads").GetInt64(), totals.GetProperty("newCustomers").GetInt64(),
                totals.GetProperty("newContacts").GetInt64(), totals.GetProperty("followUps").GetInt64(), totals.GetProperty("conversions").GetInt64()));
            Assert.Equal(Today, Assert.Single(briefing.GetProperty("days").EnumerateArray()).GetProperty("day").GetString());
        }
    }

    [Fact]
    public async Task a_department_sums_its_users_and_the_whole_scope_includes_everyone_for_an_administrator()
    {
        var department = await (await host.Client.PostJsonAsync("/api/departments", new { name = LeadApi.Unique("Sales East") })).JsonAsync();
        var departmentId = department.GetProperty("id").GetGuid();
        var role = await Org.RoleApi.CreateRoleAsync(host.Client, LeadApi.Unique("Dept sales"), "department", LeadApi.SalesPermissions);
        var member = await host.Client.CreateUserAsync(extra: new { departmentId, roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var client = await host.SignedInClientAsync(member.Mobile(), UserApi.Password);
        await client.CreateLeadAsync();
        await client.CreateLeadAsync();
        await client.CreateLeadAsync();

        await WaitForProjectionsAsync();
        var briefing = await (await host.Client.GetAsync($"/api/briefing?departmentId={departmentId}")).JsonAsync();
        var own = await (await client.GetAsync($"/api/briefing?departmentId={departmentId}")).JsonAsync();
        var all = await (await host.Client.GetAsync("/api/briefing")).JsonAsync();

        Assert.Equal(3, briefing.GetProperty("totals").GetProperty("newLeads").GetInt64());
        Assert.Equal(3, own.GetProperty("totals").GetProperty("newLeads").GetInt64());
        Assert.True(all.GetProperty("totals").GetProperty("newLeads").GetInt64() >= 3);
    }

    [Fact]
    public async Task users_and_departments_outside_the_scope_are_404s_and_bad_ranges_400s()
    {
        var (_, sales) = await host.SalesUserAsync();
        var admin = (await (await host.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        var department = await (await host.Client.PostJsonAsync("/api/departments", new { name = LeadApi.Unique("Hidden") })).JsonAsync();

        await (await sales.GetAsync($"/api/briefing?userId={admin}")).AssertProblemAsync(404);
        await (await sales.GetAsync($"/api/briefing?departmentId={department.GetProperty("id").GetGuid()}")).AssertProblemAsync(404);
        await (await host.Client.GetAsync($"/api/briefing?departmentId={Guid.CreateVersion7()}")).AssertProblemAsync(404);
        await (await sales.GetAsync("/api/briefing?from=2026-03-05&to=2026-03-01")).AssertProblemAsync(400, "to");
        await (await sales.GetAsync("/api/briefing?from=2020-01-01&to=2026-03-01")).AssertProblemAsync(400, "to");
        await (await sales.GetAsync("/api/briefing?from=yesterday")).AssertProblemAsync(400, "from");
    }

    [Fact]
    public async Task a_user_without_dashboard_view_is_a_403()
    {
        var (_, reader) = await host.SalesUserAsync("all", "lead.list");

        var problem = await (await reader.GetAsync("/api/briefing")).AssertProblemAsync(403);

        Assert.Equal("dashboard.view", problem.GetProperty("permission").GetString());
    }
}
