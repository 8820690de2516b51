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
        host.Services.GetRequiredService<ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

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

    private static Task<JsonElement> NewLeadAsync(ApiCaller caller) => caller.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead") });

    /// <summary>Expects the problem for the briefing url read by the caller.</summary>
    private static Task<IScenarioResult> RefusedAsync(ApiCaller caller, string url, int status, string? field = null) => caller.Scenario(s =>
    {
        s.Get.Url(url);
        s.ProblemShouldBe(status, field);
    });

    [Fact]
    public async Task the_daemon_counts_a_users_new_leads_follow_ups_conversions_and_customers()
    {
        var first = Today;
        var (userId, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var a = await NewLeadAsync(sales);
        var b = await NewLeadAsync(sales);
        await sales.Scenario(s =>
        {
            s.Post.Json(new { kind = "phone", content = "Called" }).ToUrl($"{LeadApi.Route}/{a.GetProperty("id").GetGuid()}/follow-ups");
            s.StatusCodeShouldBe(201);
        });
        await sales.Scenario(s => s.Post.Json(new { contact = new { name = "Zhang San" } }).ToUrl($"{LeadApi.Route}/{b.GetProperty("id").GetGuid()}/convert"));

        await WaitForProjectionsAsync();
        var byDefault = await host.Admin.GetJsonAsync($"/api/briefing?userId={userId}");
        var last = Today;
        var mine = await sales.GetJsonAsync($"/api/briefing?{Range(first, last)}");
        var byAdmin = await host.Admin.GetJsonAsync($"/api/briefing?userId={userId}&{Range(first, last)}");

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
        var department = await host.Admin.CreatedAsync("/api/departments", new { name = LeadApi.Unique("Sales East") });
        var departmentId = department.GetProperty("id").GetGuid();
        var role = await host.Admin.CreatedAsync("/api/roles",
            new { name = LeadApi.Unique("Dept sales"), permissions = LeadApi.SalesPermissions, dataScope = "department" });
        var member = await host.Admin.CreateUserAsync(extra: new { departmentId, roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var caller = await host.SignedInAsync(member.Mobile(), UserApi.Password);
        await NewLeadAsync(caller);
        await NewLeadAsync(caller);
        await NewLeadAsync(caller);

        await WaitForProjectionsAsync();
        var last = Today;
        var briefing = await host.Admin.GetJsonAsync($"/api/briefing?departmentId={departmentId}&{Range(first, last)}");
        var own = await caller.GetJsonAsync($"/api/briefing?departmentId={departmentId}&{Range(first, last)}");
        var all = await host.Admin.GetJsonAsync($"/api/briefing?{Range(first, last)}");

        Assert.Equal(3, briefing.GetProperty("totals").GetProperty("newLeads").GetInt64());
        Assert.Equal(3, own.GetProperty("totals").GetProperty("newLeads").GetInt64());
        Assert.True(all.GetProperty("totals").GetProperty("newLeads").GetInt64() >= 3);
    }

    [Fact]
    public async Task users_and_departments_outside_the_scope_are_404s_and_bad_ranges_400s()
    {
        var (_, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();
        var department = await host.Admin.CreatedAsync("/api/departments", new { name = LeadApi.Unique("Hidden") });

        await RefusedAsync(sales, $"/api/briefing?userId={admin}", 404);
        await RefusedAsync(sales, $"/api/briefing?departmentId={department.GetProperty("id").GetGuid()}", 404);
        await RefusedAsync(host.Admin, $"/api/briefing?departmentId={Guid.CreateVersion7()}", 404);
        await RefusedAsync(sales, "/api/briefing?from=2026-03-05&to=2026-03-01", 400, "to");
        await RefusedAsync(sales, "/api/briefing?from=2020-01-01&to=2026-03-01", 400, "to");
        await RefusedAsync(sales, "/api/briefing?from=yesterday", 400, "from");
    }

    [Fact]
    public async Task a_user_without_dashboard_view_is_a_403()
    {
        var (_, reader) = await host.SignedInUserAsync("all", "lead.list");

        var problem = (await RefusedAsync(reader, "/api/briefing", 403)).Json();

        Assert.Equal("dashboard.view", problem.GetProperty("permission").GetString());
    }
}
