using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Leads;

/// <summary>
/// What moving the lead commands into Crm.Write fixed: one reach rule applied inside each command to the lead as its
/// stream has it (before If-Match, so a stale version never confirms a hidden lead), one receiver rule with the codes
/// of every record kind, and lead lists paged by the listPageSize setting like customers. Its own database: it
/// changes a setting.
/// </summary>
public sealed class lead_reach_and_pages(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_stale_if_match_on_a_hidden_lead_is_a_404_on_every_write_and_writes_nothing()
    {
        var (salesId, sales) = await host.SalesUserAsync();
        var hidden = $"{LeadApi.Route}/{(await host.Client.CreateLeadAsync()).Id()}";
        (string, string) stale = ("If-Match", "\"7\"");

        Assert.Equal("lead_not_found", (await (await sales.PostJsonAsync(hidden + "/follow-ups", new { kind = "phone", content = "x" }, stale))
            .AssertProblemAsync(404)).GetProperty("code").GetString());
        await (await sales.PostJsonAsync(hidden + "/transfer", new { ownerId = salesId }, stale)).AssertProblemAsync(404);
        await (await sales.PostJsonAsync(hidden + "/pool", new { }, stale)).AssertProblemAsync(404);
        await (await sales.PostJsonAsync(hidden + "/convert", new { }, stale)).AssertProblemAsync(404);
        await (await sales.PostJsonAsync($"{LeadApi.Route}/pool/{hidden.Split('/')[^1]}/claim", null, stale)).AssertProblemAsync(404);

        var read = await host.Client.GetAsync(hidden);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task a_stale_if_match_on_a_reachable_lead_is_still_a_412()
    {
        var lead = await host.Client.CreateLeadAsync();

        var stale = await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""", ("If-Match", "\"7\""));

        Assert.Equal("stale_version", (await stale.AssertProblemAsync(412)).GetProperty("code").GetString());
        var fresh = await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""", ("If-Match", "\"1\""));
        Assert.Equal(200, (int)fresh.StatusCode);
    }

    [Fact]
    public async Task a_disabled_receiver_is_a_422_user_unusable_for_a_create_and_a_transfer()
    {
        var (userId, _) = await host.SalesUserAsync();
        await host.Client.PostJsonAsync($"/api/users/{userId}/disable", null);
        var lead = await host.Client.CreateLeadAsync();

        var create = await (await host.Client.PostJsonAsync(LeadApi.Route, new { name = LeadApi.Unique("For"), ownerId = userId }))
            .AssertProblemAsync(422, "ownerId");
        var transfer = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/transfer", new { ownerId = userId }))
            .AssertProblemAsync(422, "ownerId");

        Assert.Equal(("user_unusable", "user_unusable"), (create.GetProperty("code").GetString(), transfer.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task a_pool_lead_is_reached_by_whoever_may_claim_and_not_by_others()
    {
        var (_, claimer) = await host.SalesUserAsync();
        var (_, noClaim) = await host.SalesUserAsync("self", "lead.list", "lead.detail", "lead.edit");
        var lead = await host.Client.CreateLeadAsync();
        await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/pool", new { });

        Assert.Equal(200, (int)(await claimer.GetAsync($"{LeadApi.Route}/{lead.Id()}")).StatusCode);
        await (await noClaim.GetAsync($"{LeadApi.Route}/{lead.Id()}")).AssertProblemAsync(404);
        await (await noClaim.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "x" })).AssertProblemAsync(404);
    }

    [Fact]
    public async Task lead_lists_default_to_and_are_capped_by_the_list_page_size_setting()
    {
        for (var i = 0; i < 3; i++) await host.Client.CreateLeadAsync();
        var changed = await host.Client.SendJsonAsync(HttpMethod.Patch, "/api/settings", """{ "listPageSize": 2 }""");
        Assert.Equal(200, (int)changed.StatusCode);

        var byDefault = await (await host.Client.GetAsync(LeadApi.Route)).JsonAsync();
        var asked = await (await host.Client.GetAsync($"{LeadApi.Route}?limit=500")).JsonAsync();
        var searched = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/search", new { limit = 500 })).JsonAsync();

        Assert.Equal([2, 2, 2], new[] { byDefault, asked, searched }.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.NotNull(asked.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task concurrent_claims_of_one_pool_lead_give_it_to_exactly_one_claimer()
    {
        var lead = await host.Client.CreateLeadAsync();
        await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/pool", new { });
        var claimers = new List<(Guid Id, HttpClient Client)>();
        for (var i = 0; i < 4; i++) claimers.Add(await host.SalesUserAsync());

        var answers = await Task.WhenAll(claimers.Select(c => c.Client.PostJsonAsync($"{LeadApi.Route}/pool/{lead.Id()}/claim", null)));

        var winner = Assert.Single(answers, a => (int)a.StatusCode == 200);
        var owner = (await winner.JsonAsync()).GetProperty("ownerId").GetGuid();
        Assert.Contains(owner, claimers.Select(c => c.Id));
        // The losers see a lead now owned by someone outside their self scope: 404, or 409 when they read it still in the pool.
        foreach (var lost in answers.Where(a => a != winner))
            Assert.Contains((await lost.JsonAsync()).GetProperty("code").GetString(), new[] { "lead_not_found", "lead_not_in_pool" });
        var history = await (await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}/history")).JsonAsync();
        Assert.Equal(["created", "put_in_pool", "claimed"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()!));
    }
}
