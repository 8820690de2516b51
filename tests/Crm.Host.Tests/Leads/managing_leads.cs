using System.Text.Json;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Leads;

public sealed class managing_leads(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_created_lead_reads_back_with_its_etag_and_owner()
    {
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Wang"), new { company = LeadApi.Unique("Acme"), source = "campaign" });

        var response = await host.Admin.Scenario(s => s.Get.Url($"{LeadApi.Route}/{lead.Id()}"));

        Assert.Equal("\"1\"", response.ETag());
        var read = response.Json();
        Assert.Equal("campaign", read.GetProperty("source").GetString());
        Assert.False(read.GetProperty("inPool").GetBoolean());
    }

    [Fact]
    public async Task a_lead_with_a_bad_phone_and_no_name_is_a_400_naming_both_fields()
    {
        var problem = await host.Admin.RefusalAsync(HttpMethod.Post, LeadApi.Route, new { name = "", phone = "abc" }, 400, "name");

        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task a_duplicate_is_a_409_listing_the_candidate_unless_create_anyway()
    {
        var email = Guid.NewGuid().ToString("N")[..10] + "@dup.example";
        var first = await host.Admin.CreateLeadAsync(extra: new { email });

        var problem = await host.Admin.RefusalAsync(HttpMethod.Post, LeadApi.Route, new { name = LeadApi.Unique("Other"), email }, 409, code: "duplicate_suspected");
        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal(first.Id(), candidate.GetProperty("id").GetGuid());
        Assert.Equal("email", Assert.Single(candidate.GetProperty("matchedOn").EnumerateArray()).GetString());

        await host.Admin.ExpectAsync(HttpMethod.Post, LeadApi.Route, new { name = LeadApi.Unique("Other"), email, createAnyway = true }, 201);
    }

    [Fact]
    public async Task a_duplicate_outside_the_callers_scope_blocks_without_confirming_its_id()
    {
        var email = Guid.NewGuid().ToString("N")[..10] + "@hidden.example";
        await host.Admin.CreateLeadAsync(extra: new { email });
        var (_, sales) = await host.SalesCallerAsync();

        var problem = await sales.RefusalAsync(HttpMethod.Post, LeadApi.Route, new { name = LeadApi.Unique("Mine"), email }, 409);

        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("id").ValueKind);
        Assert.False(candidate.GetProperty("visible").GetBoolean());
    }

    [Fact]
    public async Task an_idempotent_create_retried_answers_the_first_lead_and_writes_nothing()
    {
        var body = new { name = LeadApi.Unique("Retry") };
        var key = Guid.NewGuid().ToString();
        var first = await host.Admin.ExpectAsync(HttpMethod.Post, LeadApi.Route, body, 201, idempotencyKey: key);
        var events = await host.EventCountAsync();

        var second = await host.Admin.ExpectAsync(HttpMethod.Post, LeadApi.Route, body, 201, idempotencyKey: key);

        Assert.Equal(first.Json().Id(), second.Json().Id());
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(events, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_patch_changes_only_the_fields_sent_and_names_each_change_in_the_history()
    {
        var lead = await host.Admin.CreateLeadAsync(extra: new { level = "B", source = "referral" });

        var response = await host.Admin.ExpectAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A","remark":"hot"}""", ifMatch: "\"1\"");

        var read = response.Json();
        Assert.Equal(("A", "referral", "\"2\""), (read.GetProperty("level").GetString(), read.GetProperty("source").GetString(), response.ETag()));
        var history = await host.Admin.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}/history");
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
        var lead = await host.Admin.CreateLeadAsync();
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""");

        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"C"}""", 412, ifMatch: "\"1\"");
        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"C"}""", 400, "If-Match", ifMatch: "W/\"2\"");
    }

    [Fact]
    public async Task time_travel_shows_the_lead_as_it_was_at_a_version()
    {
        var lead = await host.Admin.CreateLeadAsync(extra: new { level = "B" });
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""");

        var then = await host.Admin.Scenario(s => s.Get.Url($"{LeadApi.Route}/{lead.Id()}?version=1"));

        Assert.Equal("B", then.Json().GetProperty("level").GetString());
        Assert.Equal("\"1\"", then.ETag());
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}/{lead.Id()}?version=9", null, 404);
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}/{lead.Id()}?version=0", null, 400, "version");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}/{lead.Id()}?asOf=2000-01-01T00:00:00Z", null, 404);
    }

    [Fact]
    public async Task a_follow_up_is_listed_on_the_lead_and_a_bad_kind_is_a_400()
    {
        var lead = await host.Admin.CreateLeadAsync();
        var next = DateTimeOffset.UtcNow.AddDays(3);
        var followUps = $"{LeadApi.Route}/{lead.Id()}/follow-ups";

        var created = await host.Admin.ExpectAsync(HttpMethod.Post, followUps, new { kind = "phone", content = "Called", nextContactAt = next }, 201);
        Assert.Equal("\"2\"", created.ETag());

        var list = await host.Admin.GetJsonAsync(followUps);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("phone", "Called"), (item.GetProperty("kind").GetString(), item.GetProperty("content").GetString()));
        var read = await host.Admin.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}");
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("nextContactAt").ValueKind);

        await host.Admin.RefusalAsync(HttpMethod.Post, followUps, new { kind = "telepathy", content = "?" }, 400, "kind");

        // The answer is the follow-up written; a replay with the same key answers the first one, even after others.
        Assert.Equal(item.GetProperty("id").GetGuid(), created.Json().GetProperty("id").GetGuid());
        var key = Guid.NewGuid().ToString();
        var first = (await host.Admin.ExpectAsync(HttpMethod.Post, followUps, new { kind = "email", content = "Sent terms" }, 201, idempotencyKey: key)).Json();
        await host.Admin.ExpectAsync(HttpMethod.Post, followUps, new { kind = "visit", content = "Dropped by" }, 201);
        var replayed = (await host.Admin.ExpectAsync(HttpMethod.Post, followUps, new { kind = "email", content = "Sent terms" }, 201, idempotencyKey: key)).Json();
        Assert.Equal((first.GetProperty("id").GetGuid(), "Sent terms"), (replayed.GetProperty("id").GetGuid(), replayed.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task lists_page_by_keyset_and_search_filters_with_a_tree()
    {
        var source = "src" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++) await host.Admin.CreateLeadAsync(extra: new { source });

        var first = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/search",
            new { filter = new { and = new[] { new { field = "source", op = "eq", value = source } } }, limit = 2, sort = "createdAt", includeTotal = true })).Json();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        var cursor = first.GetProperty("nextCursor").GetString();

        var second = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/search",
            new { filter = new { and = new[] { new { field = "source", op = "eq", value = source } } }, limit = 2, sort = "createdAt", cursor })).Json();
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var byQ = await host.Admin.GetJsonAsync($"{LeadApi.Route}?q={source}");
        Assert.Equal(0, byQ.GetProperty("items").GetArrayLength()); // q looks at name, company, phone, e-mail only
    }

    [Fact]
    public async Task bad_list_inputs_are_400s_naming_the_field()
    {
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}?limit=0", null, 400, "limit");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}?sort=colour", null, 400, "sort");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}?cursor=nonsense", null, 400, "cursor");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/search", new { filter = new { field = "shoeSize", op = "eq", value = 3 } }, 400, "filter.shoeSize");
        await host.Admin.RefusalAsync(HttpMethod.Post, LeadApi.Route, "{not json", 400);
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{LeadApi.Route}/not-a-uuid", null, 400);
    }

    [Fact]
    public async Task a_self_scoped_user_sees_only_their_own_leads_and_gets_404_for_others()
    {
        var theirs = await host.Admin.CreateLeadAsync();
        var (userId, sales) = await host.SalesCallerAsync();
        var mine = await sales.CreateLeadAsync();
        Assert.Equal(userId, mine.GetProperty("ownerId").GetGuid());

        var list = await sales.GetJsonAsync($"{LeadApi.Route}?limit=500");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(mine.Id(), Assert.Single(items).Id());
        Assert.All(items, l => Assert.Equal(userId, l.GetProperty("ownerId").GetGuid()));

        var other = $"{LeadApi.Route}/{theirs.Id()}";
        await sales.RefusalAsync(HttpMethod.Get, other, null, 404);
        await sales.RefusalAsync(HttpMethod.Get, other + "/history", null, 404);
        await sales.RefusalAsync(HttpMethod.Get, other + "/follow-ups", null, 404);
        await sales.RefusalAsync(HttpMethod.Patch, other, """{"level":"A"}""", 404, ifMatch: "\"7\"");
        await sales.RefusalAsync(HttpMethod.Post, other + "/follow-ups", new { kind = "phone", content = "x" }, 404);
        await sales.RefusalAsync(HttpMethod.Post, other + "/transfer", new { ownerId = userId }, 404);
        await sales.RefusalAsync(HttpMethod.Post, other + "/convert", new { }, 404);
        await sales.RefusalAsync(HttpMethod.Post, other + "/pool", new { }, 404);
    }

    [Fact]
    public async Task a_user_without_the_permission_is_a_403_naming_it()
    {
        var (_, reader) = await host.SalesCallerAsync("all", "lead.list");

        var problem = await reader.RefusalAsync(HttpMethod.Post, LeadApi.Route, new { name = "x" }, 403);

        Assert.Equal("lead.create", problem.GetProperty("permission").GetString());
        await host.SignedOut.RefusalAsync(HttpMethod.Get, LeadApi.Route, null, 401);
    }

    [Fact]
    public async Task a_lead_can_be_given_only_to_a_user_inside_the_callers_scope()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var admin = await host.Admin.GetJsonAsync("/api/auth/me");

        await sales.RefusalAsync(HttpMethod.Post, LeadApi.Route, new { name = "x", ownerId = admin.GetProperty("id").GetGuid() }, 422, "ownerId", "user_out_of_scope");
    }
}
