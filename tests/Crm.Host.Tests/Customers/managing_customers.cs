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
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var created = await host.Admin.CreateCustomerAsync(new { level = "A", website = "acme.example", tags = new[] { "vip" } });

        var read = await host.Admin.Scenario(s => s.Get.Url($"{Route}/{created.Id()}"));

        Assert.Equal("\"1\"", read.ETag());
        var body = read.Json();
        Assert.Equal(me.Id(), body.GetProperty("ownerId").GetGuid());
        Assert.Equal("https://acme.example", body.GetProperty("website").GetString());
        Assert.Equal("vip", body.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task a_create_retried_with_the_same_idempotency_key_answers_the_first_customer_and_writes_nothing_new()
    {
        var key = "create-" + Guid.NewGuid();
        var body = new { name = "Once " + Guid.NewGuid() };
        var first = (await host.Admin.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Route);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        })).Json();
        var before = await host.EventCountAsync();

        var retry = await host.Admin.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Route);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        });

        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(first.Id(), retry.Json().Id());
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = "Other " + Guid.NewGuid() }).ToUrl(Route);
            s.IdempotencyKey(key);
            s.ProblemShouldBe(422, "Idempotency-Key");
        });
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_create_with_bad_fields_names_every_field_and_writes_nothing()
    {
        var before = await host.EventCountAsync();

        var response = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = "", phone = "12", email = "nope" }).ToUrl(Route);
            s.ProblemShouldBe(400, "name");
        });

        var problem = response.Json();
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_second_customer_with_the_same_phone_is_a_409_listing_the_candidate_unless_created_anyway()
    {
        var phone = "+86 21 " + TestRandom.Next(1_000_000, 9_999_999);
        var first = await host.Admin.CreateCustomerAsync(new { phone });

        var refused = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = "Other " + Guid.NewGuid(), phone }).ToUrl(Route);
            s.ProblemShouldBe(409, code: "duplicate_suspected");
        });
        var candidate = refused.Json().GetProperty("candidates")[0];
        Assert.Equal(first.Id(), candidate.GetProperty("id").GetGuid());
        Assert.Equal("phone", candidate.GetProperty("matchedOn")[0].GetString());

        await host.Admin.CreatedAsync(Route, new { name = "Other " + Guid.NewGuid(), phone, createAnyway = true });
    }

    [Fact]
    public async Task an_edit_changes_only_the_fields_sent_and_a_stale_if_match_is_a_412()
    {
        var created = await host.Admin.CreateCustomerAsync(new { level = "A", industry = "Retail" });
        var path = $"{Route}/{created.Id()}";

        var edited = await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { level = "B" }).ToUrl(path);
            s.IfMatch("\"1\"");
        });
        var body = edited.Json();
        Assert.Equal("B", body.GetProperty("level").GetString());
        Assert.Equal("Retail", body.GetProperty("industry").GetString());
        Assert.Equal("\"2\"", edited.ETag());

        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { level = "C" }).ToUrl(path);
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, "If-Match");
        });
        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { email = "nope" }).ToUrl(path);
            s.ProblemShouldBe(400, "email");
        });
        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { level = "C" }).ToUrl(path);
            s.IfMatch("W/\"1\"");
            s.ProblemShouldBe(400, "If-Match");
        });
    }

    [Fact]
    public async Task time_travel_shows_the_customer_as_it_was_and_history_names_old_and_new_values()
    {
        var created = await host.Admin.CreateCustomerAsync(new { level = "A" });
        var path = $"{Route}/{created.Id()}";
        await host.Admin.Scenario(s => s.Patch.Json(new { level = "B" }).ToUrl(path));
        await host.Admin.Scenario(s => s.Post.Url(path + "/lock"));

        var then = await host.Admin.Scenario(s => s.Get.Url(path + "?version=1"));
        Assert.Equal("A", then.Json().GetProperty("level").GetString());
        Assert.Equal("\"1\"", then.ETag());
        await host.Admin.Scenario(s =>
        {
            s.Get.Url(path + "?version=9");
            s.StatusCodeShouldBe(404);
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url(path + "?version=0");
            s.ProblemShouldBe(400, "version");
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url(path + "?asOf=2000-01-01T00:00:00Z");
            s.ProblemShouldBe(404);
        });

        var history = await host.Admin.GetJsonAsync(path + "/history");
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
        foreach (var n in new[] { "b", "a", "c" }) await host.Admin.CreateCustomerAsync(name: $"{tag} {n}");

        var first = await host.Admin.GetJsonAsync($"{Route}?q={tag}&sort=name&limit=2&includeTotal=true");
        Assert.Equal([$"{tag} a", $"{tag} b"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        var next = await host.Admin.GetJsonAsync($"{Route}?q={tag}&sort=name&limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal($"{tag} c", next.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task list_inputs_out_of_range_are_400s_naming_the_parameter()
    {
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Route}?limit=0");
            s.ProblemShouldBe(400, "limit");
        });
        // sort_unknown: as leads, contacts, exports and scenes say it.
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Route}?sort=owner");
            s.ProblemShouldBe(400, "sort", code: "sort_unknown");
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Route}?cursor=garbage");
            s.ProblemShouldBe(400, "cursor");
        });
    }

    [Fact]
    public async Task a_search_filters_with_the_tree_and_refuses_unknown_fields()
    {
        var level = "L" + Guid.NewGuid().ToString("N")[..8];
        var hit = await host.Admin.CreateCustomerAsync(new { level });
        await host.Admin.CreateCustomerAsync(new { level = "other" });

        var found = (await host.Admin.Scenario(s =>
            s.Post.Json(new { filter = new { and = new[] { new { field = "level", op = "eq", value = level } } } }).ToUrl($"{Route}/search"))).Json();
        Assert.Equal(hit.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());

        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { filter = new { field = "shoeSize", op = "eq", value = "9" } }).ToUrl($"{Route}/search");
            s.ProblemShouldBe(400, "filter.shoeSize", code: "filter_invalid");
        });
    }

    [Fact]
    public async Task follow_ups_of_the_customer_kinds_are_listed_newest_first_and_bad_kinds_refused()
    {
        var created = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{created.Id()}/follow-ups";

        var added = await host.Admin.CreatedAsync(path, new { kind = "communication", content = "Called" });
        Assert.Equal("in_communication", added.GetProperty("followUpStatus").GetString());
        await host.Admin.CreatedAsync(path, new { kind = "task", content = "Send the quote" });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { kind = "phone", content = "x" }).ToUrl(path);
            s.ProblemShouldBe(400, "kind");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { kind = "log" }).ToUrl(path);
            s.ProblemShouldBe(400, "content");
        });

        var list = await host.Admin.GetJsonAsync(path);
        Assert.Equal(["task", "communication"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()!).ToArray());
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Route}/{Guid.NewGuid()}/follow-ups");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task lock_and_unlock_toggle_and_a_locked_customer_cannot_go_into_the_pool()
    {
        var created = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{created.Id()}";

        Assert.True((await host.Admin.Scenario(s => s.Post.Url(path + "/lock"))).Json().GetProperty("locked").GetBoolean());
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { reason = "x" }).ToUrl(path + "/put-in-pool");
            s.ProblemShouldBe(409, code: "customer_locked");
        });
        Assert.False((await host.Admin.Scenario(s => s.Post.Url(path + "/unlock"))).Json().GetProperty("locked").GetBoolean());

        var pooled = (await host.Admin.Scenario(s => s.Post.Json(new { reason = "No budget" }).ToUrl(path + "/put-in-pool"))).Json();
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
            var response = await host.Admin.Scenario(s =>
            {
                s.Send(method, path + suffix, body);
                s.IgnoreStatusCode();
            });
            Assert.True(404 == response.Status(), $"{method} {suffix}: {response.Status()}");
        }
    }

    [Fact]
    public async Task without_a_token_it_is_401_and_without_the_permission_403()
    {
        await host.SignedOut.Scenario(s =>
        {
            s.Get.Url(Route);
            s.StatusCodeShouldBe(401);
        });
        var (_, reader) = await host.SignedInUserAsync("self", "customer.list");
        var forbidden = await reader.Scenario(s =>
        {
            s.Post.Json(new { name = "X" }).ToUrl(Route);
            s.ProblemShouldBe(403);
        });
        Assert.Equal("customer.create", forbidden.Json().GetProperty("permission").GetString());
    }
}
