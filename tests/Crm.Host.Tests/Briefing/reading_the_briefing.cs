using System.Globalization;
using System.Text.Json;
using Crm.EventStore.Daemon;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Briefing;

public sealed class reading_the_briefing(HostFixture host) : IClassFixture<HostFixture>
{
    private Task WaitForProjectionsAsync() =>
        host.Factory.Services.GetRequiredService<ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

    // A test's events may fall on either side of a UTC midnight: each test reads the range from the day
    // it started to the day it read (one day, but for a run crossing midnight), never "today" twice.
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Range(DateOnly first, DateOnly last) => $"from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}";

    private static (long, long, long, long, long) Counts(JsonElement counts) =>
        (counts.GetProperty("newLeads").GetInt64(), counts.GetProperty("newCustomers").GetInt64(), counts.GetProperty("newContacts").GetInt64(),
            counts.GetProperty("followUps").GetInt64(), counts.GetProperty("conversions").GetInt64());

    /// <summary>Every listed day lies in the range and the days add up to the totals.</summary>
    private static void AssertDaysAddUp(JsonElement briefing, DateOnly first, DateOnly last)
    {
        var days = briefing.GetProperty("days").EnumerateArray().ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.InRange(DateOnly.Parse(d.GetProperty("day").GetString()!, CultureInfo.InvariantCulture), first, last));
        var sum = days.Select(d => Counts(d.GetProperty("counts"))).Aggregate((a, b) => (a.Item1 + b.Item1, a.Item2 + b.Item2, a.Item3 + b.Item3,
            a.Item4 + b.Item4, a.Item5 + b.Item5));
        Assert.Equal(Counts(briefing.GetProperty("totals")), sum);
    }

    [Fact]
    public async Task the_daemon_counts_a_users_new_leads_follow_ups_conversions_and_customers()
    {
        var first = Today;
        var (userId, sales) = await host.SalesUserAsync();
        var a = await sales.CreateLeadAsync();
        var b = await sales.CreateLeadAsync();
        await sales.PostJsonAsync($"{LeadApi.Route}/{a.GetProperty("id").GetGuid()}/follow-ups", new { kind = "phone", content = "Called" });
        var converted = await sales.PostJsonAsync($"{LeadApi.Route}/{b.GetProperty("id").GetGuid()}/convert", new { contact = new { name = "Zhang San" } });
        Assert.Equal(200, (int)converted.StatusCode);

        await WaitForProjectionsAsync();
        var byDefault = await (await host.Client.GetAsync($"/api/briefing?userId={userId}")).JsonAsync();
        var last = Today;
        var mine = await (await sales.GetAsync($"/api/briefing?{Range(first, last)}")).JsonAsync();
        var byAdmin = await (await host.Client.GetAsync($"/api/briefing?userId={userId}&{Range(first, last)}")).JsonAsync();

        foreach (var briefing in new[] { mine, byAdmin })
        {
            Assert.Equal((2L, 1L, 1L, 1L, 1L), Counts(briefing.GetProperty("totals")));
            AssertDaysAddUp(briefing, first, last);
        }
        // Without a range the briefing is the host's today: that one day, counted as in the full range.
        var today = byDefault.GetProperty("from").GetString()!;
        Assert.Equal(today, byDefault.GetProperty("to").GetString());
        Assert.InRange(DateOnly.Parse(today, CultureInfo.InvariantCulture), first, last);
        var sameDay = mine.GetProperty("days").EnumerateArray()
            .Where(d => d.GetProperty("day").GetString() == today).Select(d => Counts(d.GetProperty("counts")));
        Assert.Equal(sameDay.DefaultIfEmpty((0L, 0L, 0L, 0L, 0L)).Single(), Counts(byDefault.GetProperty("totals")));
    }

    [Fact]
    public async Task a_department_sums_its_users_and_the_whole_scope_includes_everyone_for_an_administrator()
    {
        var first = Today;
        var department = await (await host.Client.PostJsonAsync("/api/departments", new { name = LeadApi.Unique("Sales East") })).JsonAsync();
        var departmentId = department.GetProperty("id").GetGuid();
        var role = await Org.RoleApi.CreateRoleAsync(host.Client, LeadApi.Unique("Dept sales"), "department", LeadApi.SalesPermissions);
        var member = await host.Client.CreateUserAsync(extra: new { departmentId, roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var client = await host.SignedInClientAsync(member.Mobile(), UserApi.Password);
        await client.CreateLeadAsync();
        await client.CreateLeadAsync();
        await client.CreateLeadAsync();

        await WaitForProjectionsAsync();
        var last = Today;
        var briefing = await (await host.Client.GetAsync($"/api/briefing?departmentId={departmentId}&{Range(first, last)}")).JsonAsync();
        var own = await (await client.GetAsync($"/api/briefing?departmentId={departmentId}&{Range(first, last)}")).JsonAsync();
        var all = await (await host.Client.GetAsync($"/api/briefing?{Range(first, last)}")).JsonAsync();

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
