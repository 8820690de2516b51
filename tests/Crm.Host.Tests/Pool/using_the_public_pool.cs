using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Pool;

public sealed class using_the_public_pool(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<Guid> PooledAsync(HttpClient? owner = null)
    {
        var customer = await (owner ?? host.Client).CreateCustomerAsync();
        var pooled = await (owner ?? host.Client).SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/put-in-pool", new { reason = "test" });
        Assert.Equal(200, (int)pooled.StatusCode);
        return customer.Id();
    }

    [Fact]
    public async Task a_pool_customer_is_listed_and_the_first_claim_wins()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var (_, other) = await host.ColleagueAsync("self", SalesRep);
        var id = await PooledAsync();

        var pool = await (await rep.GetAsync("/api/pool?limit=500")).JsonAsync();
        Assert.Contains(id, pool.GetProperty("items").EnumerateArray().Select(i => i.Id()));

        var claimed = await rep.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null);
        Assert.Equal(200, (int)claimed.StatusCode);
        Assert.Equal(repId, (await claimed.JsonAsync()).GetProperty("ownerId").GetGuid());
        Assert.Equal(200, (int)(await rep.GetAsync($"{Route}/{id}")).StatusCode);

        // The customer now belongs to a colleague outside the other rep's scope: its id is not confirmed.
        await (await other.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null)).AssertProblemAsync(404);
        var again = await host.Client.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null);
        Assert.Equal("customer_not_in_pool", (await again.AssertProblemAsync(409)).GetProperty("code").GetString());
        await (await rep.SendAsync(HttpMethod.Post, $"/api/pool/{Guid.NewGuid()}/claim", null)).AssertProblemAsync(404);
        Assert.Equal(401, (int)(await host.Anonymous.GetAsync("/api/pool")).StatusCode);
    }

    [Fact]
    public async Task parallel_claims_of_one_customer_give_it_to_exactly_one_claimant()
    {
        var reps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.ColleagueAsync("self", SalesRep)));
        var id = await PooledAsync();

        var answers = await Task.WhenAll(reps.Select(r => r.Client.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null)));

        Assert.Single(answers, a => (int)a.StatusCode == 200);
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events where stream_id = @id and event_type = 'customer.claimed'");
        cmd.Parameters.AddWithValue("id", id);
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task parallel_claims_of_different_customers_never_exceed_the_claim_limit()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add(await PooledAsync());
        try
        {
            await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = 2, claimCooldownDays = 7, rules = Array.Empty<object>() });

            var answers = await Task.WhenAll(ids.Select(id => rep.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null)));

            Assert.Equal(2, answers.Count(a => (int)a.StatusCode == 200));
            await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from crm.customers where owner_id = @owner");
            cmd.Parameters.AddWithValue("owner", repId);
            Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        finally
        {
            await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = (int?)null, claimCooldownDays = 7, rules = Array.Empty<object>() });
        }
    }

    [Fact]
    public async Task many_parallel_claims_by_one_user_stop_at_the_limit_and_every_other_answer_is_the_limit()
    {
        // The limit is re-checked under the claimant's lock inside each claim's own transaction: a race costs a retry, never a 500.
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++) ids.Add(await PooledAsync());
        try
        {
            await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = 3, claimCooldownDays = 7, rules = Array.Empty<object>() });

            var answers = await Task.WhenAll(ids.Select(id => rep.SendAsync(HttpMethod.Post, $"/api/pool/{id}/claim", null)));

            Assert.Equal(3, answers.Count(a => (int)a.StatusCode == 200));
            foreach (var refused in answers.Where(a => (int)a.StatusCode != 200))
                Assert.Equal("claim_limit_reached", (await refused.AssertProblemAsync(409)).GetProperty("code").GetString());
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
            await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = (int?)null, claimCooldownDays = 7, rules = Array.Empty<object>() });
        }
    }

    [Fact]
    public async Task the_claim_limit_and_the_claim_back_cooldown_come_from_the_pool_rules()
    {
        var (_, rep) = await host.ColleagueAsync("self", SalesRep);
        var kept = await rep.CreateCustomerAsync();
        var lost = await rep.CreateCustomerAsync();
        await rep.SendAsync(HttpMethod.Post, $"{Route}/{lost.Id()}/put-in-pool", new { });

        var cooldown = await rep.SendAsync(HttpMethod.Post, $"/api/pool/{lost.Id()}/claim", null);
        Assert.Equal("claim_cooldown", (await cooldown.AssertProblemAsync(409)).GetProperty("code").GetString());

        try
        {
            Assert.Equal(200, (int)(await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = 1, claimCooldownDays = 0, rules = Array.Empty<object>() })).StatusCode);
            var limited = await rep.SendAsync(HttpMethod.Post, $"/api/pool/{lost.Id()}/claim", null);
            Assert.Equal("claim_limit_reached", (await limited.AssertProblemAsync(409)).GetProperty("code").GetString());

            await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = 2, claimCooldownDays = 0, rules = Array.Empty<object>() });
            Assert.Equal(200, (int)(await rep.SendAsync(HttpMethod.Post, $"/api/pool/{lost.Id()}/claim", null)).StatusCode);
            Assert.NotEqual(Guid.Empty, kept.Id());
        }
        finally
        {
            await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = (int?)null, claimCooldownDays = 7, rules = Array.Empty<object>() });
        }
    }

    [Fact]
    public async Task a_superior_assigns_singly_and_in_bulk_only_to_users_in_scope()
    {
        var (repId, _) = await host.ColleagueAsync("self", SalesRep);
        var (_, rep) = await host.ColleagueAsync("self", SalesRep);
        var (_, lead) = await host.ColleagueAsync("self", [.. SalesRep, "pool.assign"]);
        var one = await PooledAsync();

        var assigned = await host.Client.SendAsync(HttpMethod.Post, $"/api/pool/{one}/assign", new { userId = repId });
        Assert.Equal(repId, (await assigned.JsonAsync()).GetProperty("ownerId").GetGuid());
        Assert.Equal(403, (int)(await rep.SendAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { userId = repId })).StatusCode);
        var outOfScope = await lead.SendAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { userId = repId });
        Assert.Equal("user_out_of_scope", (await outOfScope.AssertProblemAsync(422, "userId")).GetProperty("code").GetString());
        var unknown = await host.Client.SendAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { userId = Guid.NewGuid() });
        Assert.Equal("user_unusable", (await unknown.AssertProblemAsync(422, "userId")).GetProperty("code").GetString());
        var none = await host.Client.SendAsync(HttpMethod.Post, $"/api/pool/{await PooledAsync()}/assign", new { });
        Assert.Equal("user_required", (await none.AssertProblemAsync(400, "userId")).GetProperty("code").GetString());
        var hidden = await host.Client.CreateCustomerAsync();
        await (await lead.SendAsync(HttpMethod.Post, $"/api/pool/{hidden.Id()}/assign", new { userId = repId })).AssertProblemAsync(404);
        var owned = await host.Client.SendAsync(HttpMethod.Post, $"/api/pool/{one}/assign", new { userId = repId });
        Assert.Equal("customer_not_in_pool", (await owned.AssertProblemAsync(409)).GetProperty("code").GetString());

        var a = await PooledAsync();
        var b = await PooledAsync();
        var bulk = await (await host.Client.SendAsync(HttpMethod.Post, "/api/pool/assign", new { ids = new[] { a, one, b, Guid.NewGuid() }, userId = repId })).JsonAsync();
        Assert.Equal(2, bulk.GetProperty("succeeded").GetInt32());
        var items = bulk.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["", "customer_not_in_pool", "", "customer_not_found"], items.Select(i => i.GetProperty("code").GetString() ?? "").ToArray());
        // The one bulk shape of customers, pool and leads: the status a single call would have answered, the field, the customer made.
        Assert.Equal([200, 409, 200, 404], items.Select(i => i.GetProperty("status").GetInt32()).ToArray());
        Assert.All(items, i => Assert.True(i.TryGetProperty("field", out _) && i.TryGetProperty("customerId", out _)));
        var bulkOutOfScope = await lead.SendAsync(HttpMethod.Post, "/api/pool/assign", new { ids = new[] { a }, userId = repId });
        Assert.Equal("user_out_of_scope", (await bulkOutOfScope.AssertProblemAsync(422, "userId")).GetProperty("code").GetString());
        await (await host.Client.SendAsync(HttpMethod.Post, "/api/pool/assign", new { ids = Array.Empty<Guid>(), userId = repId })).AssertProblemAsync(400, "ids");
    }

    [Fact]
    public async Task pool_rules_are_validated_naming_the_rule_field_and_guarded_by_if_match_and_permission()
    {
        var (_, rep) = await host.ColleagueAsync("self", SalesRep);
        Assert.Equal(200, (int)(await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 6 })).StatusCode);
        var read = await host.Client.GetAsync("/api/pool/rules");
        Assert.Equal(6, (await read.JsonAsync()).GetProperty("claimCooldownDays").GetInt32());
        Assert.NotEqual("\"0\"", read.ETag());

        var bad = await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = new[] { new { name = "", daysWithoutFollowUp = 0 } } });
        var problem = await bad.AssertProblemAsync(400, "rules[0].name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("rules[0].daysWithoutFollowUp", out _));
        await (await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = 0 })).AssertProblemAsync(400, "claimLimit");
        await (await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7 }, ("If-Match", "\"999\""))).AssertProblemAsync(412);
        Assert.Equal(403, (int)(await rep.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7 })).StatusCode);

        var rule = new { name = "Quiet for 30 days", daysWithoutFollowUp = 30, exemptLevels = new[] { "A" }, warningDaysBefore = 3 };
        var put = await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = new[] { rule } });
        Assert.Equal(200, (int)put.StatusCode);
        var saved = (await put.JsonAsync()).GetProperty("rules")[0];
        Assert.Equal(30, saved.GetProperty("daysWithoutFollowUp").GetInt32());
        Assert.NotEqual(Guid.Empty, saved.GetProperty("id").GetGuid());
        await host.Client.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimCooldownDays = 7, rules = Array.Empty<object>() });
    }
}
