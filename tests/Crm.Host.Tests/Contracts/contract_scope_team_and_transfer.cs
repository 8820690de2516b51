using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Contracts.ContractApi;

namespace Crm.Host.Tests.Contracts;

public sealed class contract_scope_team_and_transfer(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_self_scoped_user_gets_404_for_a_colleagues_contract_on_every_route_and_never_sees_it_listed_searched_or_exported()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var others = await host.Admin.CreateContractAsync();
        var mine = await rep.CreateContractAsync();
        var plan = (await host.Admin.SendAsync(HttpMethod.Post, others.Path() + "/payment-plans",
            new { instalment = 1, amount = 10m, plannedOn = "2026-05-01" }, 201)).Json();

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Get, "/team", null),
                     (HttpMethod.Patch, "", new { name = "Mine now" }), (HttpMethod.Put, "/lines", new { lines = Array.Empty<object>() }),
                     (HttpMethod.Delete, "", null), (HttpMethod.Post, "/void", new { reason = "x" }), (HttpMethod.Post, "/transfer", new { toUserId = repId }),
                     (HttpMethod.Post, "/team", new { userId = repId, access = "read" }), (HttpMethod.Put, $"/team/{repId}", new { access = "read" }),
                     (HttpMethod.Delete, $"/team/{repId}", null), (HttpMethod.Get, "/payment-plans", null),
                     (HttpMethod.Post, "/payment-plans", new { instalment = 2, amount = 1m, plannedOn = "2026-05-01" }),
                     (HttpMethod.Patch, $"/payment-plans/{plan.Id()}", new { amount = 2m }), (HttpMethod.Delete, $"/payment-plans/{plan.Id()}", null),
                 })
        {
            var response = await rep.Scenario(s =>
            {
                s.Send(method, $"{Route}/{others.Id()}{suffix}", body);
                s.IgnoreStatusCode();
            });
            Assert.True(404 == response.Status(), $"{method} {suffix}: {response.Status()}");
        }
        var bulk = (await rep.SendAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = new[] { others.Id(), mine.Id() }, toUserId = repId })).Json();
        Assert.Equal("contract_not_found", bulk.GetProperty("items")[0].GetProperty("code").GetString());
        Assert.Equal((1, 1), (bulk.GetProperty("succeeded").GetInt32(), bulk.GetProperty("failed").GetInt32()));

        var listed = (await rep.GetJsonAsync(Route + "?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(mine.Id(), listed);
        Assert.DoesNotContain(others.Id(), listed);
        var number = others.GetProperty("number").GetString();
        var searched = await rep.SendAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "number", op = "eq", value = number } });
        Assert.Equal(0, searched.Json().GetProperty("items").GetArrayLength());
        var csv = (await rep.Scenario(s => s.Get.Url($"{Route}/export"))).ReadAsText();
        Assert.DoesNotContain(others.Id().ToString(), csv);
        Assert.Contains(mine.Id().ToString(), csv);
        await rep.RefusedAsync(HttpMethod.Get, $"/api/customers/{others.GetProperty("customerId").GetGuid()}/contracts", null, 404, code: "customer_not_found");
    }

    [Fact]
    public async Task a_customer_outside_the_scope_is_a_404_on_create_a_pooled_one_a_409_and_an_owner_outside_the_scope_a_422()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var admin = await host.Admin.GetJsonAsync("/api/auth/me");
        var hidden = await host.Admin.CreateCustomerAsync();
        var mine = await rep.CreateCustomerAsync();
        await rep.RefusedAsync(HttpMethod.Post, Route, new { customerId = hidden.Id(), name = "Not mine", currency = "CNY" }, 404, code: "customer_not_found");
        await rep.RefusedAsync(HttpMethod.Post, Route, new { customerId = mine.Id(), name = "For the boss", currency = "CNY", ownerId = admin.Id() }, 422,
            "ownerId", "user_out_of_scope");
        // Another's opportunity is refused like one of another customer: its existence is not confirmed.
        var hiddenOpportunity = await host.Admin.CreatedAsync("/api/opportunities", new { customerId = hidden.Id(), name = "Hidden", currency = "CNY" });
        await rep.RefusedAsync(HttpMethod.Post, Route, new { customerId = mine.Id(), name = "X", currency = "CNY", opportunityId = hiddenOpportunity.Id() },
            422, "opportunityId", "opportunity_not_of_customer");
        var pooled = await host.Admin.CreateCustomerAsync();
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{pooled.Id()}/put-in-pool", new { });
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { customerId = pooled.Id(), name = "Nobody's", currency = "CNY" }, 409, "customerId",
            "customer_in_pool");
    }

    [Fact]
    public async Task a_team_member_sees_the_contract_and_changes_it_only_with_read_write_access()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var contract = await host.Admin.CreateContractAsync();
        var path = contract.Path();
        var added = (await host.Admin.SendAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "read" })).Json();
        Assert.Equal(repId, added.GetProperty("team")[0].GetProperty("userId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, path);
        await rep.SendAsync(HttpMethod.Get, path + "/payment-plans");
        Assert.Contains(contract.Id(), (await rep.GetJsonAsync(Route)).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        await rep.RefusedAsync(HttpMethod.Patch, path, new { remark = "read only" }, 403, code: "team_read_only");
        await rep.RefusedAsync(HttpMethod.Post, path + "/payment-plans", new { instalment = 1, amount = 1m, plannedOn = "2026-05-01" }, 403,
            code: "team_read_only");
        await rep.RefusedAsync(HttpMethod.Post, path + "/void", new { reason = "no" }, 403, code: "team_read_only");
        // The team is the owner's to change: a member answers as if the contract were out of reach.
        await rep.RefusedAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId }, 404, code: "contract_not_found");

        await host.Admin.SendAsync(HttpMethod.Put, $"{path}/team/{repId}", new { access = "read_write" });
        var edited = (await rep.SendAsync(HttpMethod.Patch, path, new { remark = "now I can" })).Json();
        Assert.Equal("now I can", edited.GetProperty("remark").GetString());
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/team", new { userId = contract.GetProperty("ownerId").GetGuid(), access = "read" }, 409,
            "userId", "owner_cannot_be_team_member");
        await host.Admin.SendAsync(HttpMethod.Delete, $"{path}/team/{repId}");
        await rep.RefusedAsync(HttpMethod.Get, path, null, 404, code: "contract_not_found");
    }

    [Fact]
    public async Task a_transfer_hands_the_contract_over_and_may_keep_the_previous_owner_on_the_team()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var contract = await host.Admin.CreateContractAsync();
        var moved = (await host.Admin.SendAsync(HttpMethod.Post, contract.Path() + "/transfer", new { toUserId = repId, keepPreviousOwnerAs = "read" })).Json();
        Assert.Equal(repId, moved.GetProperty("ownerId").GetGuid());
        Assert.Equal(admin, moved.GetProperty("team")[0].GetProperty("userId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, contract.Path());
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = Array.Empty<Guid>(), toUserId = repId }, 400, "ids", "ids_out_of_range");
        await rep.RefusedAsync(HttpMethod.Post, contract.Path() + "/transfer", new { toUserId = admin }, 422, "toUserId", "user_out_of_scope");
        var history = await host.Admin.GetJsonAsync(contract.Path() + "/history");
        Assert.Contains("transferred", history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
    }
}
