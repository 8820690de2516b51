using Crm.Events.Sales;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Targets.TargetSeeds;

namespace Crm.Host.Tests.Targets;

/// <summary>GET /api/targets/achievement over contracts and payments approved (events through the store), after the daemon caught up.</summary>
public sealed class reaching_targets(HostFixture host) : IClassFixture<HostFixture>
{
    private static (decimal Achieved, decimal Ratio) Of(System.Text.Json.JsonElement answer, Guid targetId)
    {
        var item = answer.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("target").Id() == targetId);
        return (item.GetProperty("achieved").GetDecimal(), item.GetProperty("ratio").GetDecimal());
    }

    [Fact]
    public async Task approved_contracts_and_payments_count_in_their_period_for_the_user_and_their_department()
    {
        var department = (await host.Admin.CreateDepartmentAsync(UserApi.NewMobile())).Id();
        var (seller, _) = await host.MemberAsync(department, "self", Planner);
        var signedInQ2 = await host.ContractAsync(seller, 1000m, "2026-04-10", "2026-04-12");
        await host.ContractAsync(seller, 500m, null, "2026-05-20");              // no signing date: the approval date counts
        await host.ContractAsync(seller, 2000m, "2026-07-01", "2026-07-02");     // Q3
        var voided = await host.ContractAsync(seller, 300m, "2026-04-15", "2026-04-16");
        await host.AppendAsync(voided, new ContractVoided(voided, "Cancelled by the customer", "approved", On("2026-04-20")));
        await host.ContractAsync(seller, 700m, "2026-04-01", null);              // never approved
        await host.ContractAsync(seller, 900m, "2026-04-01", "2026-04-02", "USD"); // another currency
        await host.PaymentAsync(signedInQ2, 400m, "2026-05-05");
        await host.PaymentAsync(signedInQ2, 50m, "2026-06-01");

        var quarter = await host.Admin.CreatedAsync(Route, Body("user", seller, "contract_amount", "quarter", 2, 3000m));
        var may = await host.Admin.CreatedAsync(Route, Body("user", seller, "payments_received", "month", 5, 800m));
        var year = await host.Admin.CreatedAsync(Route, Body("department", department, "contract_amount", "year", null, 7000m));
        await host.CaughtUpAsync();

        var all = await host.Admin.GetJsonAsync($"{Route}/achievement?year=2026");
        Assert.Equal((1500m, 0.5m), Of(all, quarter.Id()));
        Assert.Equal((400m, 0.5m), Of(all, may.Id()));
        Assert.Equal((3500m, 0.5m), Of(all, year.Id()));
        var filtered = await host.Admin.GetJsonAsync($"{Route}/achievement?year=2026&period=quarter&periodNo=2&measure=contract_amount");
        Assert.Contains(quarter.Id(), filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("target").Id()));
        Assert.DoesNotContain(may.Id(), filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("target").Id()));

        // Changing the target answers at once: achievement is summed per target when read.
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{quarter.Id()}", new { amount = 1500 });
        Assert.Equal((1500m, 1m), Of(await host.Admin.GetJsonAsync($"{Route}/achievement?year=2026"), quarter.Id()));
    }

    [Fact]
    public async Task a_department_target_counts_the_users_of_its_sub_departments_as_they_are_placed_now()
    {
        var parent = (await host.Admin.CreateDepartmentAsync("P" + UserApi.NewMobile())).Id();
        var child = (await host.Admin.CreateDepartmentAsync("C" + UserApi.NewMobile(), parent)).Id();
        var elsewhere = (await host.Admin.CreateDepartmentAsync("E" + UserApi.NewMobile())).Id();
        var (direct, _) = await host.MemberAsync(parent, "self", Planner);
        var (below, _) = await host.MemberAsync(child, "self", Planner);
        var (_, head) = await host.MemberAsync(parent, "department_and_children", Planner);
        var (_, ownOnly) = await host.MemberAsync(parent, "department", Planner);
        await host.ContractAsync(direct, 100m, "2026-04-10", "2026-04-11");
        await host.ContractAsync(below, 1000m, "2026-04-12", "2026-04-13");
        var target = (await host.Admin.CreatedAsync(Route, Body("department", parent, "contract_amount", "quarter", 2, 2200m))).Id();
        var moved = (await host.Admin.CreatedAsync(Route, Body("department", elsewhere, "contract_amount", "quarter", 2, 1000m))).Id();
        await host.CaughtUpAsync();

        var query = $"{Route}/achievement?year=2026&period=quarter&periodNo=2";
        Assert.Equal((1100m, 0.5m), Of(await host.Admin.GetJsonAsync(query), target));
        // The head of the parent with its children in scope sees it; a scope over the parent's own users alone does not reach it.
        Assert.Equal((1100m, 0.5m), Of(await head.GetJsonAsync(query), target));
        Assert.DoesNotContain(target, (await ownOnly.GetJsonAsync(query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("target").Id()));
        await ownOnly.RefusedAsync(HttpMethod.Get, $"{Route}/{target}", null, 404, code: "target_not_found");

        // Decided: a department counts its users as placed now; a user who moves takes their deals with them.
        await host.Admin.SendAsync(HttpMethod.Patch, $"/api/users/{below}", new { departmentId = elsewhere });
        var after = await host.Admin.GetJsonAsync(query);
        Assert.Equal((100m, 0.0455m), Of(after, target));
        Assert.Equal((1000m, 1m), Of(after, moved));
    }

    [Fact]
    public async Task a_contract_re_dated_before_approval_and_a_transferred_one_count_where_and_for_whom_they_end_up()
    {
        var (seller, _) = await host.MemberAsync(null, "self", Planner);
        var (other, _) = await host.MemberAsync(null, "self", Planner);
        Func<Guid, object> redate = id => new ContractEdited(id, [new Crm.Events.FieldChange("signedOn", "2026-09-01", "2026-04-20")]);
        await host.ContractAsync(seller, 100m, "2026-09-01", "2026-04-22", "CNY", redate);
        Func<Guid, object> transfer = id => new ContractTransferred(id, other, seller, null, null, On("2026-04-03"));
        var moved = await host.ContractAsync(seller, 40m, "2026-04-05", "2026-04-06", "CNY", transfer);
        // Transferred after approval: the deal stays with its owner at approval; payments approved later count for the new owner.
        await host.AppendAsync(moved, new ContractTransferred(moved, seller, other, null, null, On("2026-04-07")));
        await host.PaymentAsync(moved, 40m, "2026-04-08");

        var mine = await host.Admin.CreatedAsync(Route, Body("user", seller, "contract_amount", "quarter", 2, 100m));
        var theirs = await host.Admin.CreatedAsync(Route, Body("user", other, "contract_amount", "quarter", 2, 100m));
        var paid = await host.Admin.CreatedAsync(Route, Body("user", seller, "payments_received", "quarter", 2, 100m));
        await host.CaughtUpAsync();
        var answer = await host.Admin.GetJsonAsync($"{Route}/achievement?year=2026&period=quarter&periodNo=2");
        Assert.Equal((100m, 1m), Of(answer, mine.Id()));
        Assert.Equal((40m, 0.4m), Of(answer, theirs.Id()));
        Assert.Equal((40m, 0.4m), Of(answer, paid.Id()));
    }
}
