using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Targets;
using static Crm.Host.Tests.Targets.TargetSeeds;

namespace Crm.Host.Tests.Dashboard;

public sealed class reading_the_dashboard(HostFixture host) : IClassFixture<HostFixture>
{
    private const string May = "period=custom&from=2026-05-01&to=2026-05-31&timeZone=Asia/Shanghai";

    // The dashboard, and the lists whose money its cards show (contract amounts, payments, targets).
    private static readonly string[] Viewer = ["dashboard.view", "contract.list", "payment.list", "target.list", "opportunity.list"];

    private static decimal Money(JsonElement figures, string currency, string which = "current") =>
        figures.EnumerateArray().Where(f => f.GetProperty("currency").GetString() == currency).Select(f => f.GetProperty(which).GetDecimal())
            .SingleOrDefault();

    private static long Count(JsonElement briefing, string figure, string which = "current") => briefing.GetProperty(figure).GetProperty(which).GetInt64();

    [Fact]
    public async Task contracts_and_payments_count_in_their_period_within_the_callers_scope_beside_the_period_before()
    {
        var department = (await host.Admin.CreateDepartmentAsync("D" + UserApi.NewMobile())).Id();
        var (seller, own) = await host.MemberAsync(department, "self", Viewer);
        var (colleague, _) = await host.MemberAsync(department, "self", Viewer);
        var (_, head) = await host.MemberAsync(department, "department", Viewer);
        var deal = await host.ContractAsync(seller, 1000m, "2026-05-10", "2026-05-11");
        await host.ContractAsync(seller, 300m, "2026-04-15", "2026-04-16");          // the period before
        await host.ContractAsync(seller, 80m, "2026-05-12", "2026-05-13", "USD");
        await host.ContractAsync(seller, 700m, "2026-05-14", null);                  // never approved: not counted
        await host.ContractAsync(colleague, 5000m, "2026-05-20", "2026-05-21");
        await host.PaymentAsync(deal, 200m, "2026-05-12");
        await host.Admin.CreatedAsync(Route, Body("user", seller, "contract_amount", "month", 5, 2000m));
        await host.CaughtUpAsync();

        var mine = (await own.GetJsonAsync($"/api/dashboard/briefing?{May}")).GetProperty("briefing");
        Assert.Equal((2L, 1L, 100m), (Count(mine, "newContracts"), Count(mine, "newContracts", "previous"),
            mine.GetProperty("newContracts").GetProperty("changePercent").GetDecimal()));
        Assert.Equal((1000m, 300m, 80m), (Money(mine.GetProperty("contractAmount"), "CNY"), Money(mine.GetProperty("contractAmount"), "CNY", "previous"),
            Money(mine.GetProperty("contractAmount"), "USD")));
        Assert.Equal(233.33m, mine.GetProperty("contractAmount").EnumerateArray().First(f => f.GetProperty("currency").GetString() == "CNY")
            .GetProperty("changePercent").GetDecimal());
        Assert.Equal(200m, Money(mine.GetProperty("paymentsReceived"), "CNY"));

        // The head of the department sees both users; narrowed to the seller, only the seller's figures.
        var whole = await head.GetJsonAsync($"/api/dashboard?{May}");
        Assert.Equal(6000m, Money(whole.GetProperty("briefing").GetProperty("contractAmount"), "CNY"));
        var ranked = whole.GetProperty("rankings").GetProperty("contractAmount").EnumerateArray().Where(r => r.GetProperty("currency").GetString() == "CNY")
            .Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("userId").GetGuid(), r.GetProperty("amount").GetDecimal())).ToList();
        Assert.Equal([(1, colleague, 5000m), (2, seller, 1000m)], ranked);
        var may = whole.GetProperty("trend").GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetString() == "2026-05");
        Assert.Equal((3L, 6000m), (may.GetProperty("contracts").GetInt64(), Money(may.GetProperty("contractAmount"), "CNY", "amount")));
        Assert.Equal(12, whole.GetProperty("trend").GetProperty("months").GetArrayLength());
        var kpi = Assert.Single(whole.GetProperty("kpis").GetProperty("items").EnumerateArray());
        Assert.Equal((1000m, 50m), (kpi.GetProperty("achieved").GetDecimal(), kpi.GetProperty("completionPercent").GetDecimal()));
        var narrowed = (await head.GetJsonAsync($"/api/dashboard/briefing?{May}&userId={seller}")).GetProperty("briefing");
        Assert.Equal(1000m, Money(narrowed.GetProperty("contractAmount"), "CNY"));

        // The seller cannot reach the colleague, by id or through their department; the period as applied is echoed (a custom one is
        // compared with as many days just before it).
        await own.Scenario(s =>
        {
            s.Get.Url($"/api/dashboard/rankings?{May}&userId={colleague}");
            s.ProblemShouldBe(404, code: "user_not_found");
        });
        var viaDepartment = await own.GetJsonAsync($"/api/dashboard/rankings?{May}&departmentId={department}");
        Assert.All(viaDepartment.GetProperty("rankings").GetProperty("contractAmount").EnumerateArray(),
            r => Assert.Equal(seller, r.GetProperty("userId").GetGuid()));
        var period = viaDepartment.GetProperty("period");
        Assert.Equal(("custom", "2026-05-01", "2026-05-31", "2026-03-31", "2026-04-30", "Asia/Shanghai"), (period.GetProperty("name").GetString(),
            period.GetProperty("from").GetString(), period.GetProperty("to").GetString(), period.GetProperty("previousFrom").GetString(),
            period.GetProperty("previousTo").GetString(), period.GetProperty("timeZone").GetString()));
    }

    [Fact]
    public async Task money_figures_stay_within_the_scope_of_the_list_that_guards_them()
    {
        var department = (await host.Admin.CreateDepartmentAsync("M" + UserApi.NewMobile())).Id();
        var (seller, sellerCaller) = await host.MemberAsync(department, "self", Viewer);
        var (colleague, _) = await host.MemberAsync(department, "self", Viewer);
        // The dashboard over the whole department, but contracts, payments and targets of the manager's own only.
        var wide = await host.Admin.CreatedAsync("/api/roles", new { name = "W " + Guid.NewGuid().ToString("N"), permissions = new[] { "dashboard.view" },
            dataScope = "department" });
        var narrow = await host.Admin.CreatedAsync("/api/roles", new { name = "N " + Guid.NewGuid().ToString("N"),
            permissions = new[] { "contract.list", "payment.list" }, dataScope = "self" });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { wide.Id(), narrow.Id() }, departmentId = department });
        var manager = await host.SignedInAsync(user.Mobile(), UserApi.Password);
        var deal = await host.ContractAsync(seller, 1000m, "2026-05-10", "2026-05-11");
        await host.ContractAsync(colleague, 5000m, "2026-05-20", "2026-05-21");
        await host.PaymentAsync(deal, 200m, "2026-05-12");
        await host.Admin.CreatedAsync(Route, Body("user", seller, "contract_amount", "month", 5, 2000m));
        await host.CaughtUpAsync();

        var whole = await manager.GetJsonAsync($"/api/dashboard?{May}");
        var briefing = whole.GetProperty("briefing");
        Assert.Equal((0L, 0m, 0m), (Count(briefing, "newContracts"), Money(briefing.GetProperty("contractAmount"), "CNY"),
            Money(briefing.GetProperty("paymentsReceived"), "CNY")));
        Assert.Empty(whole.GetProperty("rankings").GetProperty("contractAmount").EnumerateArray());
        Assert.Empty(whole.GetProperty("kpis").GetProperty("items").EnumerateArray());
        Assert.All(whole.GetProperty("trend").GetProperty("months").EnumerateArray(), m => Assert.Equal(0L, m.GetProperty("contracts").GetInt64()));
        // The seller's own dashboard shows the seller's own money.
        Assert.Equal(1000m, Money((await sellerCaller.GetJsonAsync($"/api/dashboard/briefing?{May}")).GetProperty("briefing").GetProperty("contractAmount"), "CNY"));
    }

    [Fact]
    public async Task new_records_and_follow_ups_count_in_the_callers_own_zone()
    {
        var (seller, own) = await host.MemberAsync(null, "self", "dashboard.view", "customer.create", "customer.list", "customer.detail",
            "customer.edit", "lead.create", "lead.list");
        await own.Scenario(s =>
        {
            s.Put.Json(new { timeZone = "Asia/Kathmandu" }).ToUrl("/api/auth/me/time-zone");
            s.StatusCodeShouldBe(200);
        });
        var customer = await own.CreatedAsync("/api/customers", new { name = "Dash " + UserApi.NewMobile() });
        await own.CreatedAsync("/api/leads", new { name = "Lead " + UserApi.NewMobile() });
        await own.Scenario(s =>
        {
            s.Post.Json(new { kind = "communication", content = "Called" }).ToUrl($"/api/customers/{customer.Id()}/follow-ups");
            s.StatusCodeShouldBe(201);
        });
        await host.CaughtUpAsync();

        // Yesterday to tomorrow of the zone holds now whatever the hour; the zone is the caller's own when not sent.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var answer = await own.GetJsonAsync($"/api/dashboard/briefing?{range}");
        Assert.Equal("Asia/Kathmandu", answer.GetProperty("period").GetProperty("timeZone").GetString());
        var briefing = answer.GetProperty("briefing");
        Assert.Equal((1L, 1L, 1L, 0L), (Count(briefing, "newCustomers"), Count(briefing, "newLeads"), Count(briefing, "followUps"),
            Count(briefing, "newOpportunities")));
        var rankings = (await own.GetJsonAsync($"/api/dashboard/rankings?{range}")).GetProperty("rankings");
        var top = Assert.Single(rankings.GetProperty("newCustomers").EnumerateArray());
        Assert.Equal((1, seller, 1L), (top.GetProperty("rank").GetInt32(), top.GetProperty("userId").GetGuid(), top.GetProperty("count").GetInt64()));
        Assert.False(string.IsNullOrEmpty(top.GetProperty("userName").GetString()));
        // A period that ended before the records were made counts none of them.
        var before = (await own.GetJsonAsync("/api/dashboard/briefing?period=custom&from=2020-01-01&to=2020-01-31")).GetProperty("briefing");
        Assert.Equal(0L, Count(before, "newCustomers"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("newCustomers").GetProperty("changePercent").ValueKind);
        var funnel = await own.GetJsonAsync("/api/dashboard/funnel");
        Assert.Equal("this_month", funnel.GetProperty("period").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("period=fortnight", "period", "period_invalid")]
    [InlineData("period=custom&from=2026-05-01", "to", "range_required")]
    [InlineData("period=custom", "from", "range_required")]
    [InlineData("period=this_month&from=2026-05-01", "from", "range_unexpected")]
    [InlineData("from=2026-05-10&to=2026-05-01", "to", "range_invalid")]
    [InlineData("from=2020-01-01&to=2026-01-01", "to", "range_too_long")]
    [InlineData("timeZone=Mars/Olympus", "timeZone", "time_zone_invalid")]
    [InlineData("from=2026-13-01&to=2026-05-01", "from", null)]
    [InlineData("userId=0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10&departmentId=0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11", "departmentId", "filter_ambiguous")]
    public async Task bad_queries_are_problems_naming_the_field(string query, string field, string? code)
    {
        foreach (var card in new[] { "", "/briefing", "/kpis", "/funnel", "/trend", "/rankings" })
        {
            await host.Admin.Scenario(s =>
            {
                s.Get.Url($"/api/dashboard{card}?{query}");
                s.ProblemShouldBe(400, field, code);
            });
        }
    }

    [Fact]
    public async Task unknown_users_departments_and_pipelines_are_404_and_the_dashboard_needs_its_permission()
    {
        var missing = Guid.CreateVersion7();
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/dashboard?userId={missing}");
            s.ProblemShouldBe(404, code: "user_not_found");
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/dashboard/trend?departmentId={missing}");
            s.ProblemShouldBe(404, code: "department_not_found");
        });
        foreach (var url in new[] { $"/api/dashboard?pipelineId={missing}", $"/api/dashboard/funnel?pipelineId={missing}" })
        {
            await host.Admin.Scenario(s =>
            {
                s.Get.Url(url);
                s.ProblemShouldBe(404, code: "pipeline_not_found");
            });
        }
        var (_, outsider) = await host.MemberAsync(null, "all", "customer.list");
        await outsider.Scenario(s =>
        {
            s.Get.Url("/api/dashboard/kpis");
            s.ProblemShouldBe(403);
        });
        await host.SignedOut.Scenario(s =>
        {
            s.Get.Url("/api/dashboard");
            s.StatusCodeShouldBe(401);
        });
    }
}
