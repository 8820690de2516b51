using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

public sealed class opportunity_scope_team_and_transfer(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    [Fact]
    public async Task a_self_scoped_user_gets_404_for_a_colleagues_opportunity_on_every_route_and_does_not_see_it_listed()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var others = await host.CreateOpportunityAsync(host.Admin);
        var mine = await host.CreateOpportunityAsync(rep);

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Get, "/follow-ups", null), (HttpMethod.Get, "/team", null),
                     (HttpMethod.Patch, "", new { name = "Mine now" }), (HttpMethod.Put, "/lines", new { lines = Array.Empty<object>() }),
                     (HttpMethod.Post, "/follow-ups", new { kind = "log", content = "x" }), (HttpMethod.Delete, "", null),
                     (HttpMethod.Post, "/advance", new { stageId = pipeline.Open(1) }), (HttpMethod.Post, "/win", null),
                     (HttpMethod.Post, "/lose", new { reason = "x" }), (HttpMethod.Post, "/reopen", new { }),
                     (HttpMethod.Post, "/transfer", new { toUserId = repId }), (HttpMethod.Post, "/team", new { userId = repId, access = "read" }),
                     (HttpMethod.Put, $"/team/{repId}", new { access = "read" }), (HttpMethod.Delete, $"/team/{repId}", null),
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
        Assert.Equal("opportunity_not_found", bulk.GetProperty("items")[0].GetProperty("code").GetString());
        Assert.Equal((1, 1), (bulk.GetProperty("succeeded").GetInt32(), bulk.GetProperty("failed").GetInt32()));

        var listed = (await rep.GetJsonAsync(Route + "?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(mine.Id(), listed);
        Assert.DoesNotContain(others.Id(), listed);
        var searched = await rep.SendAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "name", op = "eq", value = others.GetProperty("name").GetString() } });
        Assert.Equal(0, searched.Json().GetProperty("items").GetArrayLength());
        var customerOfOthers = others.GetProperty("customerId").GetGuid();
        await rep.RefusedAsync(HttpMethod.Get, $"/api/customers/{customerOfOthers}/opportunities", null, 404, code: "customer_not_found");
    }

    [Fact]
    public async Task a_customers_follow_ups_show_only_the_opportunities_the_viewer_reaches()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var customer = (await rep.CreateCustomerAsync()).Id();
        var colleagues = await host.CreateOpportunityAsync(host.Admin, customer);
        var mine = await host.CreateOpportunityAsync(rep, customer);
        foreach (var (caller, opportunity) in new[] { (host.Admin, colleagues), (rep, mine) })
        {
            await caller.Scenario(s =>
            {
                s.Post.Json(new { kind = "communication", content = "Quoted" }).ToUrl($"{Route}/{opportunity.Id()}/follow-ups");
                s.StatusCodeShouldBe(201);
            });
        }

        var seenByRep = await rep.GetJsonAsync($"/api/customers/{customer}/follow-ups");
        Assert.Equal([mine.Id()], seenByRep.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("recordId").GetGuid()));
        var seenByAdmin = await host.Admin.GetJsonAsync($"/api/customers/{customer}/follow-ups");
        Assert.Equal(2, seenByAdmin.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_customer_outside_the_scope_is_a_404_on_create_and_an_owner_outside_it_a_422()
    {
        await host.DefaultPipelineAsync();
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var admin = await host.Admin.GetJsonAsync("/api/auth/me");
        var hidden = await host.Admin.CreateCustomerAsync();
        var mine = await rep.CreateCustomerAsync();

        await rep.RefusedAsync(HttpMethod.Post, Route, new { customerId = hidden.Id(), name = "Not mine", currency = "CNY" }, 404, code: "customer_not_found");
        await rep.RefusedAsync(HttpMethod.Post, Route, new { customerId = mine.Id(), name = "For the boss", currency = "CNY", ownerId = admin.Id() }, 422,
            "ownerId", "user_out_of_scope");
        await rep.RefusedAsync(HttpMethod.Post, Route, new { customerId = mine.Id(), name = "Elsewhere", currency = "CNY", pipelineId = Guid.CreateVersion7() },
            422, "pipelineId", "pipeline_missing");
        var pooled = await host.Admin.CreateCustomerAsync();
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{pooled.Id()}/put-in-pool", new { });
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { customerId = pooled.Id(), name = "Nobody's", currency = "CNY" }, 409, "customerId",
            "customer_in_pool");
    }

    [Fact]
    public async Task a_team_member_sees_the_opportunity_and_changes_it_only_with_read_write_access()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var opportunity = await host.CreateOpportunityAsync(host.Admin);
        var path = $"{Route}/{opportunity.Id()}";

        var added = (await host.Admin.SendAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "read" })).Json();
        Assert.Equal(repId, added.GetProperty("team")[0].GetProperty("userId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, path);
        await rep.SendAsync(HttpMethod.Get, path + "/history");
        var team = await rep.GetJsonAsync(path + "/team");
        Assert.Equal(("read", repId), (team[0].GetProperty("access").GetString(), team[0].GetProperty("userId").GetGuid()));
        Assert.Contains(opportunity.Id(), (await rep.GetJsonAsync(Route + "?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        await rep.RefusedAsync(HttpMethod.Patch, path, new { remark = "Mine" }, 403, code: "team_read_only");
        await rep.RefusedAsync(HttpMethod.Post, path + "/advance", new { stageId = pipeline.Open(1) }, 403, code: "team_read_only");

        await host.Admin.SendAsync(HttpMethod.Put, $"{path}/team/{repId}", new { access = "read_write" });
        await rep.SendAsync(HttpMethod.Post, path + "/advance", new { stageId = pipeline.Open(1) });

        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "read" }, 409, "userId", "already_team_member");
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/team", new { userId = me.Id(), access = "read" }, 409, code: "owner_cannot_be_team_member");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "admin" }, 400, "access", "access_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/team", new { userId = Guid.CreateVersion7(), access = "read" }, 422, "userId", "user_unusable");
        var removed = (await host.Admin.SendAsync(HttpMethod.Delete, $"{path}/team/{repId}")).Json();
        Assert.Equal(0, removed.GetProperty("team").GetArrayLength());
        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{path}/team/{repId}", null, 422, "userId", "not_team_member");
        await rep.RefusedAsync(HttpMethod.Get, path, null, 404, code: "opportunity_not_found");
    }

    [Fact]
    public async Task a_transfer_moves_the_owner_keeps_the_previous_one_on_the_team_and_a_stale_one_is_a_412()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var opportunity = await host.CreateOpportunityAsync(host.Admin);
        var path = $"{Route}/{opportunity.Id()}";

        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId }, 412, "If-Match", "stale_version", ifMatch: "\"7\"");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/transfer", new { }, 400, "toUserId", "user_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId, keepPreviousOwnerAs = "boss" }, 400,
            "keepPreviousOwnerAs", "access_invalid");
        var moved = (await host.Admin.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId, keepPreviousOwnerAs = "read" }, ifMatch: "\"1\"")).Json();
        Assert.Equal(repId, moved.GetProperty("ownerId").GetGuid());
        Assert.Equal(me.Id(), moved.GetProperty("team")[0].GetProperty("userId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, path);

        var (otherId, _) = await host.SignedInUserAsync("self", SalesRep);
        await rep.RefusedAsync(HttpMethod.Post, path + "/transfer", new { toUserId = otherId }, 422, "toUserId", "user_out_of_scope");
        await rep.RefusedAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = Array.Empty<Guid>(), toUserId = repId }, 400, "ids", "ids_out_of_range");
        await rep.RefusedAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = new[] { opportunity.Id() }, toUserId = otherId }, 422, "toUserId");
    }
}
