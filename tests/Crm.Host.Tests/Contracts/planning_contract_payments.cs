using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Contracts.ContractApi;

namespace Crm.Host.Tests.Contracts;

public sealed class planning_contract_payments(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task instalments_are_added_changed_and_removed_within_the_contract_amount_even_after_approval()
    {
        var contract = await host.Admin.CreateContractAsync();
        var plans = contract.Path() + "/payment-plans";
        var first = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { instalment = 1, amount = 600m, plannedOn = "2026-05-01", method = "transfer", remindDaysBefore = 7 }).ToUrl(plans);
            s.StatusCodeShouldBe(201);
        });
        Assert.Equal("\"2\"", first.ETag());
        var plan = first.Json();
        Assert.Equal((1, 600.00m, "CNY", "2026-05-01"), (plan.GetProperty("instalment").GetInt32(), plan.GetProperty("amount").GetDecimal(),
            plan.GetProperty("currency").GetString(), plan.GetProperty("plannedOn").GetString()));

        await host.ApproveAsync(contract.Id());
        var over = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { instalment = 2, amount = 400.01m, plannedOn = "2026-06-01" }).ToUrl(plans);
            s.ProblemShouldBe(409, "amount", "plans_exceed_amount");
        });
        Assert.NotEqual(JsonValueKind.Undefined, over.Json().GetProperty("planId").ValueKind);
        await host.Admin.RefusedAsync(HttpMethod.Post, plans, new { instalment = 1, amount = 1m, plannedOn = "2026-06-01" }, 409, "instalment",
            "instalment_taken");
        await host.Admin.RefusedAsync(HttpMethod.Post, plans, new { instalment = 2, amount = 1.001m, plannedOn = "2026-06-01" }, 400, "amount",
            "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, plans, new { instalment = 2, amount = -1m, plannedOn = "2026-06-01" }, 400, "amount",
            "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, plans, new { instalment = 0, amount = 1m, plannedOn = "2026-06-01", remindDaysBefore = 400 }, 400,
            "instalment", "instalment_invalid");
        var second = (await host.Admin.SendAsync(HttpMethod.Post, plans, new { instalment = 2, amount = 400m, plannedOn = "2026-06-01" }, 201)).Json();

        var changed = (await host.Admin.SendAsync(HttpMethod.Patch, $"{plans}/{plan.Id()}", new { amount = 500m, remindDaysBefore = 3 })).Json();
        Assert.Equal((500.00m, 3, "transfer"), (changed.GetProperty("amount").GetDecimal(), changed.GetProperty("remindDaysBefore").GetInt32(),
            changed.GetProperty("method").GetString()));
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{plans}/{Guid.CreateVersion7()}", new { amount = 1m }, 404, code: "plan_not_found");
        await host.Admin.SendAsync(HttpMethod.Delete, $"{plans}/{second.Id()}", status: 204);

        var listed = (await host.Admin.GetJsonAsync(plans)).EnumerateArray().ToList();
        Assert.Equal(plan.Id(), Assert.Single(listed).Id());
        var detail = await host.Admin.GetJsonAsync(contract.Path());
        Assert.Equal(("approved", 500.00m), (detail.GetProperty("status").GetString(), detail.GetProperty("paymentPlans")[0].GetProperty("amount").GetDecimal()));
        var history = await host.Admin.GetJsonAsync(contract.Path() + "/history");
        Assert.Equal(["created", "payment_plan_added", "submitted", "approved", "payment_plan_added", "payment_plan_changed", "payment_plan_removed"],
            history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));

        await host.Admin.SendAsync(HttpMethod.Post, contract.Path() + "/void", new { reason = "Cancelled" });
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{plans}/{plan.Id()}", new { amount = 1m }, 409, code: "contract_voided");
    }

    [Fact]
    public async Task a_retried_add_answers_the_first_instalment_and_writes_nothing_more()
    {
        var contract = await host.Admin.CreateContractAsync();
        var key = Guid.NewGuid().ToString();
        async Task<JsonElement> AddAsync() => (await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { instalment = 1, amount = 100m, plannedOn = "2026-05-01" }).ToUrl(contract.Path() + "/payment-plans");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(201);
        })).Json();
        var first = await AddAsync();
        var again = await AddAsync();
        Assert.Equal(first.Id(), again.Id());
        Assert.Single((await host.Admin.GetJsonAsync(contract.Path() + "/payment-plans")).EnumerateArray());
    }
}
