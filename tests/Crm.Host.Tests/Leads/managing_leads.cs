using System.Text.Json;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Leads;

public sealed class managing_leads(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_created_lead_reads_back_with_its_etag_and_owner()
    {
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Wang"), new { company = LeadApi.Unique("Acme"), source = "campaign" });

        var response = await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        var read = await response.JsonAsync();
        Assert.Equal("campaign", read.GetProperty("source").GetString());
        Assert.False(read.GetProperty("inPool").GetBoolean());
    }

    [Fact]
    public async Task a_lead_with_a_bad_phone_and_no_name_is_a_400_naming_both_fields()
    {
        var response = await host.Client.PostJsonAsync(LeadApi.Route, new { name = "", phone = "abc" });

        var problem = await response.AssertProblemAsync(400, "name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task a_duplicate_is_a_409_listing_the_candidate_unless_create_anyway()
    {
        var email = Guid.NewGuid().ToString("N")[..10] + "@dup.example";
        var first = await host.Client.CreateLeadAsync(extra: new { email });

        var refused = await host.Client.PostJsonAsync(LeadApi.Route, new { name = LeadApi.Unique("Other"), email });
        var problem = await refused.AssertProblemAsync(409);
        Assert.Equal("duplicate_suspected", problem.GetProperty("code").GetString());
        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal(first.Id(), candidate.GetProperty("id").GetGuid());
        Assert.Equal("email", Assert.Single(candidate.GetProperty("matchedOn").EnumerateArray()).GetString());

        var anyway = await host.Client.PostJsonAsync(LeadApi.Route, new { name = LeadApi.Unique("Other"), email, createAnyway = true });
        Assert.Equal(201, (int)anyway.StatusCode);
    }

    [Fact]
    public async Task a_duplicate_outside_the_callers_scope_blocks_without_confirming_its_id()
    {
        var email = Guid.NewGuid().ToString("N")[..10] + "@hidden.example";
        await host.Client.CreateLeadAsync(extra: new { email });
        var (_, sales) = await host.SalesUserAsync();

        var problem = await (await sales.PostJsonAsync(LeadApi.Route, new { name = LeadApi.Unique("Mine"), email })).AssertProblemAsync(409);

        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("id").ValueKind);
        Assert.False(candidate.GetProperty("visible").GetBoolean());
    }

    [Fact]
    public async Task an_idempotent_create_retried_answers_the_first_lead_and_writes_nothing()
    {
        var body = new { name = LeadApi.Unique("Retry") };
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var first = await host.Client.PostJsonAsync(LeadApi.Route, body, key);
        var events = await host.EventCountAsync();

        var second = await host.Client.PostJsonAsync(LeadApi.Route, body, key);

        Assert.Equal((await first.JsonAsync()).Id(), (await second.JsonAsync()).Id());
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(events, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_patch_changes_only_the_fields_sent_and_names_each_change_in_the_history()
    {
        var lead = await host.Client.CreateLeadAsync(extra: new { level = "B", source = "referral" });

        var response = await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A","remark":"hot"}""", ("If-Match", "\"1\""));

        Assert.Equal(200, (int)response.StatusCode);
        var read = await response.JsonAsync();
        Assert.Equal(("A", "referral", "\"2\""), (read.GetProperty("level").GetString(), read.GetProperty("source").GetString(), response.ETag()));
        var history = await (await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}/history")).JsonAsync();
        var edit = history.GetProperty("items")[1];
        Assert.Equal("edited", edit.GetProperty("action").GetString());
        var changes = edit.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("old").GetString(), c.GetProperty("new").GetString())).ToList();
        Assert.Contains(("level", "B", "A"), changes);
        Assert.Contains(("remark", null, "hot"), changes);
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public async Task a_stale_if_match_is_a_412_and_a_malformed_one_a_400()
    {
        var lead = await host.Client.CreateLeadAsync();
        await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""");

        await (await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"C"}""", ("If-Match", "\"1\""))).AssertProblemAsync(412);
        await (await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"C"}""", ("If-Match", "W/\"2\""))).AssertProblemAsync(400, "If-Match");
    }

    [Fact]
    public async Task time_travel_shows_the_lead_as_it_was_at_a_version()
    {
        var lead = await host.Client.CreateLeadAsync(extra: new { level = "B" });
        await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""");

        var then = await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}?version=1");

        Assert.Equal("B", (await then.JsonAsync()).GetProperty("level").GetString());
        Assert.Equal("\"1\"", then.ETag());
        await (await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}?version=9")).AssertProblemAsync(404);
        await (await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}?version=0")).AssertProblemAsync(400, "version");
        var before = await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}?asOf=2000-01-01T00:00:00Z");
        await before.AssertProblemAsync(404);
    }

    [Fact]
    public async Task a_follow_up_is_listed_on_the_lead_and_a_bad_kind_is_a_400()
    {
        var lead = await host.Client.CreateLeadAsync();
        var next = DateTimeOffset.UtcNow.AddDays(3);

        var created = await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "Called", nextContactAt = next });
        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal("\"2\"", created.ETag());

        var list = await (await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups")).JsonAsync();
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("phone", "Called"), (item.GetProperty("kind").GetString(), item.GetProperty("content").GetString()));
        var read = await (await host.Client.GetAsync($"{LeadApi.Route}/{lead.Id()}")).JsonAsync();
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("nextContactAt").ValueKind);

        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "telepathy", content = "?" })).AssertProblemAsync(400, "kind");

        // The answer is the follow-up written; a replay with the same key answers the first one, even after others.
        Assert.Equal(item.GetProperty("id").GetGuid(), (await created.JsonAsync()).GetProperty("id").GetGuid());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var first = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "email", content = "Sent terms" }, key)).JsonAsync();
        await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "visit", content = "Dropped by" });
        var replay = await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "email", content = "Sent terms" }, key);
        var replayed = await replay.JsonAsync();
        Assert.Equal((first.GetProperty("id").GetGuid(), "Sent terms"), (replayed.GetProperty("id").GetGuid(), replayed.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task lists_page_by_keyset_and_search_filters_with_a_tree()
    {
        var source = "src" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++) await host.Client.CreateLeadAsync(extra: new { source });

        var first = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/search",
            new { filter = new { and = new[] { new { field = "source", op = "eq", value = source } } }, limit = 2, sort = "createdAt", includeTotal = true })).JsonAsync();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        var cursor = first.GetProperty("nextCursor").GetString();

        var second = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/search",
            new { filter = new { and = new[] { new { field = "source", op = "eq", value = source } } }, limit = 2, sort = "createdAt", cursor })).JsonAsync();
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var byQ = await (await host.Client.GetAsync($"{LeadApi.Route}?q={source}")).JsonAsync();
        Assert.Equal(0, byQ.GetProperty("items").GetArrayLength()); // q looks at name, company, phone, e-mail only
    }

    [Fact]
    public async Task bad_list_inputs_are_400s_naming_the_field()
    {
        await (await host.Client.GetAsync($"{LeadApi.Route}?limit=0")).AssertProblemAsync(400, "limit");
        await (await host.Client.GetAsync($"{LeadApi.Route}?sort=colour")).AssertProblemAsync(400, "sort");
        await (await host.Client.GetAsync($"{LeadApi.Route}?cursor=nonsense")).AssertProblemAsync(400, "cursor");
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/search", new { filter = new { field = "shoeSize", op = "eq", value = 3 } })).AssertProblemAsync(400, "filter.shoeSize");
        await (await host.Client.SendJsonAsync(HttpMethod.Post, LeadApi.Route, "{not json")).AssertProblemAsync(400);
        await (await host.Client.GetAsync($"{LeadApi.Route}/not-a-uuid")).AssertProblemAsync(400);
    }

    [Fact]
    public async Task a_self_scoped_user_sees_only_their_own_leads_and_gets_404_for_others()
    {
        var theirs = await host.Client.CreateLeadAsync();
        var (userId, sales) = await host.SalesUserAsync();
        var mine = await sales.CreateLeadAsync();
        Assert.Equal(userId, mine.GetProperty("ownerId").GetGuid());

        var list = await (await sales.GetAsync($"{LeadApi.Route}?limit=500")).JsonAsync();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(mine.Id(), Assert.Single(items).Id());
        Assert.All(items, l => Assert.Equal(userId, l.GetProperty("ownerId").GetGuid()));

        var other = $"{LeadApi.Route}/{theirs.Id()}";
        await (await sales.GetAsync(other)).AssertProblemAsync(404);
        await (await sales.GetAsync(other + "/history")).AssertProblemAsync(404);
        await (await sales.GetAsync(other + "/follow-ups")).AssertProblemAsync(404);
        await (await sales.SendJsonAsync(HttpMethod.Patch, other, """{"level":"A"}""", ("If-Match", "\"7\""))).AssertProblemAsync(404);
        await (await sales.PostJsonAsync(other + "/follow-ups", new { kind = "phone", content = "x" })).AssertProblemAsync(404);
        await (await sales.PostJsonAsync(other + "/transfer", new { ownerId = userId })).AssertProblemAsync(404);
        await (await sales.PostJsonAsync(other + "/convert", new { })).AssertProblemAsync(404);
        await (await sales.PostJsonAsync(other + "/pool", new { })).AssertProblemAsync(404);
    }

    [Fact]
    public async Task a_user_without_the_permission_is_a_403_naming_it()
    {
        var (_, reader) = await host.SalesUserAsync("all", "lead.list");

        var problem = await (await reader.PostJsonAsync(LeadApi.Route, new { name = "x" })).AssertProblemAsync(403);

        Assert.Equal("lead.create", problem.GetProperty("permission").GetString());
        await (await host.Anonymous.GetAsync(LeadApi.Route)).AssertProblemAsync(401);
    }

    [Fact]
    public async Task a_lead_can_be_given_only_to_a_user_inside_the_callers_scope()
    {
        var (_, sales) = await host.SalesUserAsync();
        var admin = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();

        var problem = await (await sales.PostJsonAsync(LeadApi.Route, new { name = "x", ownerId = admin.GetProperty("id").GetGuid() })).AssertProblemAsync(422, "ownerId");

        Assert.Equal("user_out_of_scope", problem.GetProperty("code").GetString());
    }
}
