using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Pool;

public sealed class using_the_public_pool(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<Guid> PooledAsync(ApiCaller? owner = null)
    {
        var customer = await (owner ?? host.Admin).CreateCustomerAsync();
        await (owner ?? host.Admin).SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/put-in-pool", new { reason = "test" });
        return customer.Id();
    }

    /// <summary>Claims of the customers by the caller at once, whatever each answers.</summary>
    private static Task<IScenarioResult[]> ClaimAllAsync(ApiCaller caller, IEnumerable<Guid> ids) => Task.WhenAll(ids.Select(id => caller.Scenario(s =>
    {
        s.Post.Url($"/api/pool/{id}/claim");
        s.IgnoreStatusCode();
    })));

    private Task PoolRulesAsync(int? claimLimit, int claimCooldownDays) =>
        host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit, claimCooldownDays, rules = Array.Empty<object>() });

    [Fact]
    public async Task a_pool_customer_is_listed_and_the_first_claim_wins()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (_, other) = await host.SignedInUserAsync("self", SalesRep);
        var id = await PooledAsync();

        var pool = await rep.GetJsonAsync("/api/pool?limit=500");
        Assert.Contains(id, pool.GetProperty("items").EnumerateArray().Select(i => i.Id()));

        var claimed = await rep.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim");
        Assert.Equal(repId, claimed.Json().GetProperty("ownerId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, $"{Route}/{id}");

        // The customer now belongs to a colleague outside the other rep's scope: its id is not confirmed.
        await other.RefusedAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null, 404);
        await host.Admin.RefusedAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null, 409, code: "customer_not_in_pool");
        await rep.RefusedAsync(HttpMethod.Post, $"/api/pool/{Guid.NewGuid()}/claim", null, 404);
        await host.SignedOut.SendAsync(HttpMethod.Get, "/api/pool", status: 401);
    }

    [Fact]
    public async Task parallel_claims_of_one_customer_give_it_to_exactly_one_claimant()
    {
        var reps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.SignedInUserAsync("self", SalesRep)));
        var id = await PooledAsync();

        var answers = await Task.WhenAll(reps.Select(r => r.Caller.Scenario(s =>
        {
            s.Post.Url($"/api/pool/{id}/claim");
            s.IgnoreStatusCode();
        })));

        Assert.Single(answers, a => a.Status() == 200);
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events where stream_id = @id and event_type = 'customer.claimed'");
        cmd.Parameters.AddWithValue("id", id);
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task parallel_claims_of_different_customers_never_exceed_the_claim_limit()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add(await PooledAsync());
        try
        {
            await PoolRulesAsync(2, 7);

            var answers = await ClaimAllAsync(rep, ids);

            Assert.Equal(2, answers.Count(a => a.Status() == 200));
            await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from crm.customers where owner_id = @owner");
            cmd.Parameters.AddWithValue("owner", repId);
            Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        finally
        {
            await PoolRulesAsync(null, 7);
        }
    }

    [Fact]
    public async Task many_parallel_claims_by_one_user_stop_at_the_limit_and_every_other_answer_is_the_limit()
    {
        // The limit is re-checked under the claimant's lock inside each claim's own transaction: a race costs a retry, never a 500.
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++) ids.Add(await PooledAsync());
        try
        {
            await PoolRulesAsync(3, 7);

            var answers = await ClaimAllAsync(rep, ids);

            Assert.Equal(3, answers.Count(a => a.Status() == 200));
            foreach (var refused in answers.Where(a => a.Status() != 200)) refused.ShouldBeProblem(409, code: "claim_limit_reached");
            await using var cmd = host.Database.DataSource.CreateCommand(
                "select count(*) from es.events where event_type = 'customer.claimed' and stream_id = any(@ids)");
            cmd.Parameters.AddWithValue("ids", ids.ToArray());
            Assert.Equal(3L, (long)(await cmd.ExecuteScalarAsync())!);
            await using var owned = host.Database.DataSource.CreateCommand("select count(*) from crm.customers where owner_id = @owner");
            owned.Parameters.AddWithValue("owner", repId);
            Assert.Equal(3L, (long)(await owned.ExecuteScalarAsync())!);
        }
        finally
        {
            await PoolRulesAsync(null, 7);
        }
    }

    [Fact]
    public async Task the_claim_limit_and_the_claim_back_cooldown_come_from_the_pool_rules()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var kept = await rep.CreateCustomerAsync();
        var lost = await rep.CreateCustomerAsync();
        await rep.SendAsync(HttpMethod.Post, $"{Route}/{lost.Id()}/put-in-pool", new { });

        await rep.RefusedAsync(HttpMethod.Post, $"/api/pool/{lost.Id()}/claim", null, 409, code: "claim_cooldown");

        try
        {
            await PoolRulesAsync(1, 0);
            await rep.RefusedAsync(HttpMethod.Post, $"/api/pool/{lost.Id()}/claim", null, 409, code: "claim_limit_reached");

            await PoolRulesAsync(2, 0);
            await rep.SendAsync(HttpMethod.Post, $"/api/pool/{lost.Id()}/claim");
            Assert.NotEqual(Guid.Empty, kept.Id());
        }
        finally
        {
            await PoolRulesAsync(null, 7);
        }
    }

    [Fact]
    public async Task a_superior_assigns_singly_and_in_bulk_only_to_users_in_scope()
    {
        var (repId, _) = await host.SignedInUserAsync("self", SalesRep);
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (_, lead) = await host.SignedInUserAsync("self", [.. SalesRep, "pool.assign"]);
        var one = await PooledAsync();

        var assigned = await host.Admin.SendAsync(HttpMethod.Post, $"/api/pool/{one}/assign", new { userId = repId });
        Assert.Equal(repId, assigned.Json().GetProperty("ownerId").GetGuid());
        await rep.SendAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { userId = repId }, 403);
        await lead.RefusedAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { userId = repId }, 422, "userId", "user_out_of_scope");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { userId = Guid.NewGuid() }, 422, "userId", "user_unusable");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { }, 400, "userId", "user_required");
        var hidden = await host.Admin.CreateCustomerAsync();
        await lead.RefusedAsync(HttpMethod.Post, $"/api/pool/{hidden.Id()}/assign", new { userId = repId }, 404);
        await host.Admin.RefusedAsync(HttpMethod.Post, $"/api/pool/{one}/assign", new { userId = repId }, 409, code: "customer_not_in_pool");

        var a = await PooledAsync();
        var b = await PooledAsync();
        var bulk = (await host.Admin.SendAsync(HttpMethod.Post, "/api/pool/assign", new { ids = new[] { a, one, b, Guid.NewGuid() }, userId = repId })).Json();
        Assert.Equal(2, bulk.GetProperty("succeeded").GetInt32());
        var items = bulk.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["", "customer_not_in_pool", "", "customer_not_found"], items.Select(i => i.GetProperty("code").GetString() ?? "").ToArray());
        // The one bulk shape of customers, pool and leads: the status a single call would have answered, the field, the customer made.
        Assert.Equal([200, 409, 200, 404], items.Select(i => i.GetProperty("status").GetInt32()).ToArray());
        Assert.All(items, i => Assert.True(i.TryGetProperty("field", out _) && i.TryGetProperty("customerId", out _)));
        await lead.RefusedAsync(HttpMethod.Post, "/api/pool/assign", new { ids = new[] { a }, userId = repId }, 422, "userId", "user_out_of_scope");
        await host.Admin.RefusedAsync(HttpMethod.Post, "/api/pool/assign", new { ids = Array.Empty<Guid>(), userId = repId }, 400, "ids");
    }

    [Fact]
    public async Task pool_rules_are_validated_naming_the_rule_field_and_guarded_by_if_match_and_permission()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        await host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 6 });
        var read = await host.Admin.SendAsync(HttpMethod.Get, "/api/pool/rules");
        Assert.Equal(6, read.Json().GetProperty("claimCooldownDays").GetInt32());
        Assert.NotEqual("\"0\"", read.ETag());

        var problem = (await host.Admin.RefusedAsync(HttpMethod.Put, "/api/pool/rules",
            new { claimCooldownDays = 7, rules = new[] { new { name = "", daysWithoutFollowUp = 0 } } }, 400, "rules[0].name")).Json();
        Assert.True(problem.GetProperty("errors").TryGetProperty("rules[0].daysWithoutFollowUp", out _));
        await host.Admin.RefusedAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = 0 }, 400, "claimLimit");
        await host.Admin.RefusedAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7 }, 412, ifMatch: "\"999\"");
        await rep.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7 }, 403);

        var rule = new { name = "Quiet for 30 days", daysWithoutFollowUp = 30, exemptLevels = new[] { "A" }, warningDaysBefore = 3 };
        var put = await host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = new[] { rule } });
        var saved = put.Json().GetProperty("rules")[0];
        Assert.Equal(30, saved.GetProperty("daysWithoutFollowUp").GetInt32());
        Assert.NotEqual(Guid.Empty, saved.GetProperty("id").GetGuid());
        await host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = Array.Empty<object>() });
    }
}
