using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Reports.ReportApi;

namespace Crm.Host.Tests.Reports;

/// <summary>A report never counts a record its reader cannot list: the same owners, the same team records, the same filter.</summary>
public sealed class reports_count_what_the_lists_show(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<long> CustomerListTotalAsync(ApiCaller caller, object? filter = null) =>
        (await caller.Scenario(s => s.Post.Json(new { filter, includeTotal = true, limit = 1 }).ToUrl("/api/customers/search")))
            .Json().GetProperty("total").GetInt64();

    [Fact]
    public async Task a_self_scoped_rep_counts_their_own_customers_and_those_whose_team_they_are_on_as_their_list_does()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", Reporter);
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        await rep.CreateCustomerAsync(new { source = "Referral" });
        await rep.CreateCustomerAsync(new { source = "Fair" });
        var shared = await host.Admin.CreateCustomerAsync(new { source = "Referral" });
        await host.Admin.CreateCustomerAsync(new { source = "Referral" });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{shared.Id()}/team", new { userId = repId, access = "read" });

        var report = await rep.ReportAsync("customers");
        var referrals = new { and = new[] { new { field = "source", op = "eq", value = "Referral" } } };
        var filtered = await rep.ReportAsync("customers", Filter(referrals));

        Assert.Equal(3m, report.Total("customers"));
        Assert.Equal(await CustomerListTotalAsync(rep), (long)report.Total("customers"));
        Assert.Equal(new Dictionary<string, decimal> { [Id(repId)] = 2, [Id(admin)] = 1 }, report.Rows("customers"));
        Assert.Equal(2m, filtered.Total("customers"));
        Assert.Equal(await CustomerListTotalAsync(rep, referrals), (long)filtered.Total("customers"));
        Assert.Equal(new Dictionary<string, decimal> { ["Referral"] = 2, ["Fair"] = 1 }, (await rep.ReportAsync("customers", "groupBy=source")).Rows("customers"));
        // Another user's records are not asked for by name either: a user outside the scope reads as missing.
        await rep.RefusedAsync(HttpMethod.Get, $"{Route}/customers?userId={admin}", null, 404, code: "user_not_found");
        Assert.Equal(2m, (await rep.ReportAsync("customers", $"userId={repId}")).Total("customers"));
    }

    [Fact]
    public async Task a_department_scope_counts_the_departments_users_only_and_other_departments_are_404s()
    {
        var sales = await host.Admin.CreatedAsync("/api/departments", new { name = LeadApi.Unique("Sales") });
        var other = await host.Admin.CreatedAsync("/api/departments", new { name = LeadApi.Unique("Other") });
        var (managerId, manager) = await host.MemberAsync(sales.Id(), "department", Reporter);
        var (colleagueId, _) = await host.MemberAsync(sales.Id(), "self", Reporter);
        var (outsiderId, _) = await host.MemberAsync(other.Id(), "self", Reporter);
        var colleagues = await host.Admin.CreateCustomerAsync(new { ownerId = colleagueId });
        await host.Admin.CreateCustomerAsync(new { ownerId = colleagueId });
        await host.Admin.CreateCustomerAsync(new { ownerId = managerId });
        // On the team of a customer the scope reaches anyway: counted once.
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{colleagues.Id()}/team", new { userId = managerId, access = "read" });
        await host.Admin.CreateCustomerAsync(new { ownerId = outsiderId });

        var report = await manager.ReportAsync("customers", "groupBy=user");
        var byDepartment = await manager.ReportAsync("customers", "groupBy=department");

        Assert.Equal(new Dictionary<string, decimal> { [Id(colleagueId)] = 2, [Id(managerId)] = 1 }, report.Rows("customers"));
        Assert.Equal(await CustomerListTotalAsync(manager), (long)report.Total("customers"));
        var row = Assert.Single(byDepartment.GetProperty("rows").EnumerateArray());
        Assert.Equal((Id(sales.Id()), sales.GetProperty("name").GetString()), (row.GetProperty("key").GetString(), row.GetProperty("label").GetString()));
        Assert.Equal(2m, (await manager.ReportAsync("customers", $"userId={colleagueId}")).Total("customers"));
        Assert.Equal(3m, (await manager.ReportAsync("customers", $"departmentId={sales.Id()}")).Total("customers"));
        await manager.RefusedAsync(HttpMethod.Get, $"{Route}/customers?userId={outsiderId}", null, 404, code: "user_not_found");
        await manager.RefusedAsync(HttpMethod.Get, $"{Route}/customers?departmentId={other.Id()}", null, 404, code: "department_not_found");
        // The administrator sees the outsider's department and user.
        Assert.Equal(1m, (await host.Admin.ReportAsync("customers", $"departmentId={other.Id()}")).Total("customers"));
    }

    [Fact]
    public async Task a_report_counts_nothing_of_a_kind_the_reader_cannot_list()
    {
        var (repId, rep) = await host.SignedInUserAsync("all", "report.view", "lead.list");
        await host.Admin.CreateCustomerAsync(new { ownerId = repId });

        var customers = await rep.ReportAsync("customers", $"userId={repId}");

        Assert.Empty(customers.GetProperty("rows").EnumerateArray());
        Assert.Empty(customers.GetProperty("totals").EnumerateArray());
    }

    [Fact]
    public async Task lead_conversion_counts_the_leads_created_and_converted_with_the_rate()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", Reporter);
        var leads = new List<JsonElement>();
        foreach (var source in new[] { "Fair", "Fair", "Web", "Web" })
            leads.Add(await rep.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead"), source }));
        await rep.Scenario(s => s.Post.Json(new { }).ToUrl($"{LeadApi.Route}/{leads[0].Id()}/convert"));
        await host.Admin.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead"), source = "Fair" });

        var report = await rep.ReportAsync("lead-conversion", "groupBy=source");
        var list = await rep.GetJsonAsync($"{LeadApi.Route}?includeTotal=true&limit=1");

        Assert.Equal((4m, 1m, 25.00m), (report.Total("leads"), report.Total("converted"), report.Total("conversionRate")));
        Assert.Equal(list.GetProperty("total").GetInt64(), (long)report.Total("leads"));
        Assert.Equal(new Dictionary<string, decimal> { ["Fair"] = 50.00m, ["Web"] = 0m }, report.Rows("conversionRate"));
        Assert.Equal(4m, (await rep.ReportAsync("lead-conversion", $"userId={repId}")).Total("leads"));
    }

    [Fact]
    public async Task follow_ups_count_where_the_reader_sees_them_by_author_and_kind()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", Reporter);
        var customer = await rep.CreateCustomerAsync();
        var lead = await rep.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead") });
        await rep.CreatedAsync($"/api/customers/{customer.Id()}/follow-ups", new { kind = "communication", content = "Called" });
        await rep.CreatedAsync($"/api/customers/{customer.Id()}/follow-ups", new { kind = "communication", content = "Called again",
            nextContactAt = DateTimeOffset.UtcNow.AddDays(3) });
        await rep.CreatedAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "Rang" });
        var hidden = await host.Admin.CreateCustomerAsync();
        await host.Admin.CreatedAsync($"/api/customers/{hidden.Id()}/follow-ups", new { kind = "log", content = "Not for the rep" });

        var byKind = await rep.ReportAsync("follow-ups", "groupBy=kind");
        var byUser = await rep.ReportAsync("follow-ups");

        Assert.Equal(new Dictionary<string, decimal> { ["communication"] = 2, ["phone"] = 1 }, byKind.Rows("followUps"));
        Assert.Equal((3m, 1m), (byUser.Total("followUps"), byUser.Total("withNextContact")));
        Assert.Equal(Id(repId), Assert.Single(byUser.GetProperty("rows").EnumerateArray()).GetProperty("key").GetString());
    }
}
