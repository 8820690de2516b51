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
        var (salesId, sales) = await host.SalesCallerAsync();
        var hidden = $"{LeadApi.Route}/{(await host.Admin.CreateLeadAsync()).Id()}";
        const string stale = "\"7\"";

        await sales.RefusalAsync(HttpMethod.Post, hidden + "/follow-ups", new { kind = "phone", content = "x" }, 404, code: "lead_not_found", ifMatch: stale);
        await sales.RefusalAsync(HttpMethod.Post, hidden + "/transfer", new { ownerId = salesId }, 404, ifMatch: stale);
        await sales.RefusalAsync(HttpMethod.Post, hidden + "/pool", new { }, 404, ifMatch: stale);
        await sales.RefusalAsync(HttpMethod.Post, hidden + "/convert", new { }, 404, ifMatch: stale);
        await sales.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/pool/{hidden.Split('/')[^1]}/claim", null, 404, ifMatch: stale);

        var read = await host.Admin.Scenario(s => s.Get.Url(hidden));
        Assert.Equal("\"1\"", read.ETag());
    }

    [Fact]
    public async Task a_stale_if_match_on_a_reachable_lead_is_still_a_412()
    {
        var lead = await host.Admin.CreateLeadAsync();

        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""", 412, code: "stale_version", ifMatch: "\"7\"");
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""", 200, ifMatch: "\"1\"");
    }

    [Fact]
    public async Task a_disabled_receiver_is_a_422_user_unusable_for_a_create_and_a_transfer()
    {
        var (userId, _) = await host.SalesCallerAsync();
        await host.Admin.ExpectAsync(HttpMethod.Post, $"/api/users/{userId}/disable", null);
        var lead = await host.Admin.CreateLeadAsync();

        await host.Admin.RefusalAsync(HttpMethod.Post, LeadApi.Route, new { name = LeadApi.Unique("For"), ownerId = userId }, 422, "ownerId", "user_unusable");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/transfer", new { ownerId = userId }, 422, "ownerId", "user_unusable");
    }

    [Fact]
    public async Task a_pool_lead_is_reached_by_whoever_may_claim_and_not_by_others()
    {
        var (_, claimer) = await host.SalesCallerAsync();
        var (_, noClaim) = await host.SalesCallerAsync("self", "lead.list", "lead.detail", "lead.edit");
        var lead = await host.Admin.CreateLeadAsync();
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/pool", new { });

        await claimer.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}");
        await noClaim.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}/{lead.Id()}", null, 404);
        await noClaim.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "x" }, 404);
    }

    [Fact]
    public async Task lead_lists_default_to_and_are_capped_by_the_list_page_size_setting()
    {
        for (var i = 0; i < 3; i++) await host.Admin.CreateLeadAsync();
        await host.Admin.ExpectAsync(HttpMethod.Patch, "/api/settings", """{ "listPageSize": 2 }""");

        var byDefault = await host.Admin.GetJsonAsync(LeadApi.Route);
        var asked = await host.Admin.GetJsonAsync($"{LeadApi.Route}?limit=500");
        var searched = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/search", new { limit = 500 })).Json();

        Assert.Equal([2, 2, 2], new[] { byDefault, asked, searched }.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.NotNull(asked.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task concurrent_claims_of_one_pool_lead_give_it_to_exactly_one_claimer()
    {
        var lead = await host.Admin.CreateLeadAsync();
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/pool", new { });
        var claimers = new List<(Guid Id, ApiCaller Caller)>();
        for (var i = 0; i < 4; i++) claimers.Add(await host.SalesCallerAsync());

        var answers = await Task.WhenAll(claimers.Select(c => c.Caller.Scenario(s =>
        {
            s.Post.Url($"{LeadApi.Route}/pool/{lead.Id()}/claim");
            s.WithoutBody();
            s.IgnoreStatusCode();
        })));

        var winner = Assert.Single(answers, a => a.Status() == 200);
        var owner = winner.Json().GetProperty("ownerId").GetGuid();
        Assert.Contains(owner, claimers.Select(c => c.Id));
        // The losers see a lead now owned by someone outside their self scope: 404, or 409 when they read it still in the pool.
        foreach (var lost in answers.Where(a => a != winner))
            Assert.Contains(lost.Json().GetProperty("code").GetString(), new[] { "lead_not_found", "lead_not_in_pool" });
        var history = await host.Admin.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}/history");
        Assert.Equal(["created", "put_in_pool", "claimed"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()!));
    }
}
