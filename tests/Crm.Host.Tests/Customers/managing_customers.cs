using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Testing;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

public sealed class managing_customers(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_created_customer_reads_back_with_its_etag_and_the_caller_as_owner()
    {
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var created = await host.Client.CreateCustomerAsync(new { level = "A", website = "acme.example", tags = new[] { "vip" } });

        var read = await host.Client.GetAsync($"{Route}/{created.Id()}");

        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal("\"1\"", read.ETag());
        var body = await read.JsonAsync();
        Assert.Equal(me.Id(), body.GetProperty("ownerId").GetGuid());
        Assert.Equal("https://acme.example", body.GetProperty("website").GetString());
        Assert.Equal("vip", body.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task a_create_retried_with_the_same_idempotency_key_answers_the_first_customer_and_writes_nothing_new()
    {
        var key = ("Idempotency-Key", "create-" + Guid.NewGuid());
        var body = new { name = "Once " + Guid.NewGuid() };
        var first = await (await host.Client.SendAsync(HttpMethod.Post, Route, body, key)).JsonAsync();
        var before = await host.EventCountAsync();

        var retry = await host.Client.SendAsync(HttpMethod.Post, Route, body, key);

        Assert.Equal(201, (int)retry.StatusCode);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(first.Id(), (await retry.JsonAsync()).Id());
        await (await host.Client.SendAsync(HttpMethod.Post, Route, new { name = "Other " + Guid.NewGuid() }, key)).AssertProblemAsync(422, "Idempotency-Key");
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_create_with_bad_fields_names_every_field_and_writes_nothing()
    {
        var before = await host.EventCountAsync();

        var response = await host.Client.SendAsync(HttpMethod.Post, Route, new { name = "", phone = "12", email = "nope" });

        var problem = await response.AssertProblemAsync(400, "name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_second_customer_with_the_same_phone_is_a_409_listing_the_candidate_unless_created_anyway()
    {
        var phone = "+86 21 " + TestRandom.Next(1_000_000, 9_999_999);
        var first = await host.Client.CreateCustomerAsync(new { phone });

        var refused = await host.Client.SendAsync(HttpMethod.Post, Route, new { name = "Other " + Guid.NewGuid(), phone });
        var problem = await refused.AssertProblemAsync(409);
        Assert.Equal("duplicate_suspected", problem.GetProperty("code").GetString());
        var candidate = problem.GetProperty("candidates")[0];
        Assert.Equal(first.Id(), candidate.GetProperty("id").GetGuid());
        Assert.Equal("phone", candidate.GetProperty("matchedOn")[0].GetString());

        var anyway = await host.Client.SendAsync(HttpMethod.Post, Route, new { name = "Other " + Guid.NewGuid(), phone, createAnyway = true });
        Assert.Equal(201, (int)anyway.StatusCode);
    }

    [Fact]
    public async Task an_edit_changes_only_the_fields_sent_and_a_stale_if_match_is_a_412()
    {
        var created = await host.Client.CreateCustomerAsync(new { level = "A", industry = "Retail" });
        var path = $"{Route}/{created.Id()}";

        var edited = await host.Client.SendAsync(HttpMethod.Patch, path, new { level = "B" }, ("If-Match", "\"1\""));
        Assert.Equal(200, (int)edited.StatusCode);
        var body = await edited.JsonAsync();
        Assert.Equal("B", body.GetProperty("level").GetString());
        Assert.Equal("Retail", body.GetProperty("industry").GetString());
        Assert.Equal("\"2\"", edited.ETag());

        var stale = await host.Client.SendAsync(HttpMethod.Patch, path, new { level = "C" }, ("If-Match", "\"1\""));
        await stale.AssertProblemAsync(412, "If-Match");
        var invalid = await host.Client.SendAsync(HttpMethod.Patch, path, new { email = "nope" });
        await invalid.AssertProblemAsync(400, "email");
        var badTag = await host.Client.SendAsync(HttpMethod.Patch, path, new { level = "C" }, ("If-Match", "W/\"1\""));
        await badTag.AssertProblemAsync(400, "If-Match");
    }

    [Fact]
    public async Task time_travel_shows_the_customer_as_it_was_and_history_names_old_and_new_values()
    {
        var created = await host.Client.CreateCustomerAsync(new { level = "A" });
        var path = $"{Route}/{created.Id()}";
        await host.Client.SendAsync(HttpMethod.Patch, path, new { level = "B" });
        await host.Client.SendAsync(HttpMethod.Post, path + "/lock", null);

        var then = await host.Client.GetAsync(path + "?version=1");
        Assert.Equal("A", (await then.JsonAsync()).GetProperty("level").GetString());
        Assert.Equal("\"1\"", then.ETag());
        Assert.Equal(404, (int)(await host.Client.GetAsync(path + "?version=9")).StatusCode);
        await (await host.Client.GetAsync(path + "?version=0")).AssertProblemAsync(400, "version");
        var past = await host.Client.GetAsync(path + "?asOf=2000-01-01T00:00:00Z");
        await past.AssertProblemAsync(404);

        var history = await (await host.Client.GetAsync(path + "/history")).JsonAsync();
        var items = history.GetProperty("items");
        Assert.Equal(["created", "edited", "locked"], items.EnumerateArray().Select(i => i.GetProperty("action").GetString()!).ToArray());
        var change = items[1].GetProperty("changes")[0];
        Assert.Equal(("level", "A", "B"), (change.GetProperty("field").GetString(), change.GetProperty("old").GetString(), change.GetProperty("new").GetString()));
        Assert.NotEqual(JsonValueKind.Null, items[1].GetProperty("actorId").ValueKind);
    }

    [Fact]
    public async Task lists_page_with_a_cursor_sort_by_name_and_find_by_free_text()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        foreach (var n in new[] { "b", "a", "c" }) await host.Client.CreateCustomerAsync(name: $"{tag} {n}");

        var first = await (await host.Client.GetAsync($"{Route}?q={tag}&sort=name&limit=2&includeTotal=true")).JsonAsync();
        Assert.Equal([$"{tag} a", $"{tag} b"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        var next = await (await host.Client.GetAsync($"{Route}?q={tag}&sort=name&limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}")).JsonAsync();
        Assert.Equal($"{tag} c", next.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task list_inputs_out_of_range_are_400s_naming_the_parameter()
    {
        await (await host.Client.GetAsync($"{Route}?limit=0")).AssertProblemAsync(400, "limit");
        var sort = await (await host.Client.GetAsync($"{Route}?sort=owner")).AssertProblemAsync(400, "sort");
        Assert.Equal("sort_unknown", sort.GetProperty("code").GetString()); // as leads, contacts, exports and scenes say it
        await (await host.Client.GetAsync($"{Route}?cursor=garbage")).AssertProblemAsync(400, "cursor");
    }

    [Fact]
    public async Task a_search_filters_with_the_tree_and_refuses_unknown_fields()
    {
        var level = "L" + Guid.NewGuid().ToString("N")[..8];
        var hit = await host.Client.CreateCustomerAsync(new { level });
        await host.Client.CreateCustomerAsync(new { level = "other" });

        var found = await (await host.Client.SendAsync(HttpMethod.Post, $"{Route}/search",
            new { filter = new { and = new[] { new { field = "level", op = "eq", value = level } } } })).JsonAsync();
        Assert.Equal(hit.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());

        var refused = await host.Client.SendAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "shoeSize", op = "eq", value = "9" } });
        var problem = await refused.AssertProblemAsync(400, "filter.shoeSize");
        Assert.Equal("filter_invalid", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task follow_ups_of_the_customer_kinds_are_listed_newest_first_and_bad_kinds_refused()
    {
        var created = await host.Client.CreateCustomerAsync();
        var path = $"{Route}/{created.Id()}/follow-ups";

        var added = await host.Client.SendAsync(HttpMethod.Post, path, new { kind = "communication", content = "Called" });
        Assert.Equal(201, (int)added.StatusCode);
        Assert.Equal("in_communication", (await added.JsonAsync()).GetProperty("followUpStatus").GetString());
        await host.Client.SendAsync(HttpMethod.Post, path, new { kind = "task", content = "Send the quote" });
        await (await host.Client.SendAsync(HttpMethod.Post, path, new { kind = "phone", content = "x" })).AssertProblemAsync(400, "kind");
        await (await host.Client.SendAsync(HttpMethod.Post, path, new { kind = "log" })).AssertProblemAsync(400, "content");

        var list = await (await host.Client.GetAsync(path)).JsonAsync();
        Assert.Equal(["task", "communication"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(404, (int)(await host.Client.GetAsync($"{Route}/{Guid.NewGuid()}/follow-ups")).StatusCode);
    }

    [Fact]
    public async Task lock_and_unlock_toggle_and_a_locked_customer_cannot_go_into_the_pool()
    {
        var created = await host.Client.CreateCustomerAsync();
        var path = $"{Route}/{created.Id()}";

        Assert.True((await (await host.Client.SendAsync(HttpMethod.Post, path + "/lock", null)).JsonAsync()).GetProperty("locked").GetBoolean());
        var refused = await host.Client.SendAsync(HttpMethod.Post, path + "/put-in-pool", new { reason = "x" });
        Assert.Equal("customer_locked", (await refused.AssertProblemAsync(409)).GetProperty("code").GetString());
        Assert.False((await (await host.Client.SendAsync(HttpMethod.Post, path + "/unlock", null)).JsonAsync()).GetProperty("locked").GetBoolean());

        var pooled = await (await host.Client.SendAsync(HttpMethod.Post, path + "/put-in-pool", new { reason = "No budget" })).JsonAsync();
        Assert.True(pooled.GetProperty("inPool").GetBoolean());
    }

    [Fact]
    public async Task records_that_do_not_exist_are_404s_on_every_customer_endpoint()
    {
        var path = $"{Route}/{Guid.NewGuid()}";
        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Patch, "", new { level = "A" }),
                     (HttpMethod.Post, "/lock", null), (HttpMethod.Post, "/unlock", null), (HttpMethod.Post, "/put-in-pool", new { }),
                     (HttpMethod.Post, "/team", new { userId = Guid.NewGuid(), access = "read" }),
                 })
        {
            var response = await host.Client.SendAsync(method, path + suffix, body);
            Assert.True(404 == (int)response.StatusCode, $"{method} {suffix}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task without_a_token_it_is_401_and_without_the_permission_403()
    {
        Assert.Equal(401, (int)(await host.Anonymous.GetAsync(Route)).StatusCode);
        var (_, reader) = await host.ColleagueAsync("self", "customer.list");
        var forbidden = await reader.SendAsync(HttpMethod.Post, Route, new { name = "X" });
        Assert.Equal("customer.create", (await forbidden.AssertProblemAsync(403)).GetProperty("permission").GetString());
    }
}
