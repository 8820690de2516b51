using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

public sealed class managing_scenes(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly object LevelA = new { and = new[] { new { field = "level", op = "eq", value = "A" } } };

    [Fact]
    public async Task a_saved_scene_reads_back_with_its_filter_sort_and_etag()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var scene = await sales.CreateSceneAsync("customers", "A-level", LevelA, "name");

        var response = await sales.Scenario(s => s.Get.Url($"{SceneApi.Route}/{scene.Id()}"));

        Assert.Equal("\"1\"", response.ETag());
        var read = response.Json();
        Assert.Equal("A-level", read.GetProperty("name").GetString());
        Assert.Equal("customers", read.GetProperty("kind").GetString());
        Assert.Equal("name", read.GetProperty("sort").GetString());
        Assert.Equal("level", read.GetProperty("filter").GetProperty("and")[0].GetProperty("field").GetString());
        Assert.False(read.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task the_list_shows_only_the_callers_scenes_of_the_kind_in_order()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var (_, other) = await host.SalesCallerAsync();
        var first = await sales.CreateSceneAsync("leads", "First");
        var second = await sales.CreateSceneAsync("leads", "Second");
        await sales.CreateSceneAsync("customers", "A customer scene");
        await other.CreateSceneAsync("leads", "Not mine");

        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads");

        Assert.Equal([first.Id(), second.Id()], list.GetProperty("items").EnumerateArray().Select(s => s.Id()));
        Assert.Equal([0, 1], list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("order").GetInt32()));
    }

    [Fact]
    public async Task an_unknown_kind_is_a_400_naming_kind()
    {
        var (_, sales) = await host.SalesCallerAsync();

        await sales.RefusalAsync(HttpMethod.Post, SceneApi.Route, new { kind = "deals", name = "x" }, 400, "kind");
        await sales.RefusalAsync(HttpMethod.Get, $"{SceneApi.Route}?kind=deals", null, 400, "kind");
    }

    [Fact]
    public async Task an_unknown_filter_field_a_bad_sort_and_an_over_long_name_are_a_400_naming_each()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var filter = new { and = new object[] { new { field = "level", op = "eq", value = "A" }, new { field = "colour", op = "eq", value = "red" } } };

        var problem = await sales.RefusalAsync(HttpMethod.Post, SceneApi.Route, new { kind = "leads", name = new string('x', 61), filter, sort = "-price" }, 400, "filter.colour");

        Assert.True(problem.GetProperty("errors").TryGetProperty("sort", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task a_filter_field_of_another_kind_is_refused_as_the_kinds_search_refuses_it()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var converted = new { and = new[] { new { field = "converted", op = "eq", value = false } } };

        await sales.CreateSceneAsync("leads", filter: converted);
        await sales.RefusalAsync(HttpMethod.Post, SceneApi.Route, new { kind = "customers", name = "x", filter = converted }, 400, "filter.converted");
    }

    [Fact]
    public async Task a_second_scene_with_the_same_name_and_kind_is_a_409()
    {
        var (_, sales) = await host.SalesCallerAsync();
        await sales.CreateSceneAsync("leads", "Hot");

        await sales.RefusalAsync(HttpMethod.Post, SceneApi.Route, new { kind = "leads", name = "HOT" }, 409, "name", "scene_name_taken");

        await sales.CreateSceneAsync("customers", "Hot");
    }

    [Fact]
    public async Task creating_a_scene_without_the_kinds_list_permission_is_a_403()
    {
        var (_, sales) = await host.SalesCallerAsync("self", "lead.list");

        var problem = await sales.RefusalAsync(HttpMethod.Post, SceneApi.Route, new { kind = "customers", name = "x" }, 403);

        Assert.Equal("customer.list", problem.GetProperty("permission").GetString());
    }

    [Fact]
    public async Task making_a_scene_the_default_clears_the_previous_default()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var first = await sales.CreateSceneAsync("leads", "First", isDefault: true);
        var second = await sales.CreateSceneAsync("leads", "Second");

        var response = await sales.ExpectAsync(HttpMethod.Post, $"{SceneApi.Route}/{second.Id()}/default", null);

        Assert.True(response.Json().GetProperty("isDefault").GetBoolean());
        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads");
        Assert.Equal([second.Id()], list.GetProperty("items").EnumerateArray().Where(s => s.GetProperty("isDefault").GetBoolean()).Select(s => s.Id()));
        var history = await sales.GetJsonAsync($"{SceneApi.Route}/{first.Id()}/history");
        Assert.Equal(["created", "made_default", "default_cleared"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task clearing_the_default_leaves_the_kind_without_one()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var scene = await sales.CreateSceneAsync("leads", "Mine", isDefault: true);
        var path = $"{SceneApi.Route}/{scene.Id()}/default";

        await sales.RefusalAsync(HttpMethod.Delete, path, null, 412, ifMatch: "\"99\"");
        var cleared = await sales.ExpectAsync(HttpMethod.Delete, path, null);

        var body = cleared.Json();
        Assert.False(body.GetProperty("isDefault").GetBoolean());
        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("isDefault").GetBoolean());
        var again = (await sales.ExpectAsync(HttpMethod.Delete, path, null)).Json();
        Assert.Equal(body.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        var history = await sales.GetJsonAsync($"{SceneApi.Route}/{scene.Id()}/history");
        Assert.Equal(["created", "made_default", "default_cleared"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task creating_a_default_scene_takes_the_default_from_the_previous_one()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var first = await sales.CreateSceneAsync("leads", "First", isDefault: true);
        var second = await sales.CreateSceneAsync("leads", "Second", isDefault: true);

        Assert.True(second.GetProperty("isDefault").GetBoolean());
        Assert.False((await sales.GetJsonAsync($"{SceneApi.Route}/{first.Id()}")).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task a_patch_renames_and_changes_the_filter_with_if_match_and_the_history_shows_old_and_new()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var scene = await sales.CreateSceneAsync("leads", "Before", LevelA);

        var response = await sales.ExpectAsync(HttpMethod.Patch, $"{SceneApi.Route}/{scene.Id()}", new { name = "After", filter = (object?)null, sort = "-createdAt" },
            ifMatch: "\"1\"");

        Assert.Equal("\"3\"", response.ETag());
        var read = response.Json();
        Assert.Equal("After", read.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("filter").ValueKind);
        var history = await sales.GetJsonAsync($"{SceneApi.Route}/{scene.Id()}/history");
        var renamed = history.GetProperty("items")[1];
        Assert.Equal("scene.renamed", renamed.GetProperty("eventType").GetString());
        Assert.Equal("Before", renamed.GetProperty("changes")[0].GetProperty("old").GetString());
        var changes = history.GetProperty("items")[2].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString());
        Assert.Equal(["filter", "sort"], changes);
    }

    [Fact]
    public async Task a_stale_if_match_is_a_412_and_a_bad_filter_in_a_patch_a_400_naming_it()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var scene = await sales.CreateSceneAsync("leads");
        var bad = new { and = new[] { new { field = "level", op = "gte", value = "A" } } };

        await sales.RefusalAsync(HttpMethod.Patch, $"{SceneApi.Route}/{scene.Id()}", new { name = "x" }, 412, ifMatch: "\"7\"");
        await sales.RefusalAsync(HttpMethod.Patch, $"{SceneApi.Route}/{scene.Id()}", new { filter = bad }, 400, "filter.level");
        await sales.RefusalAsync(HttpMethod.Patch, $"{SceneApi.Route}/{scene.Id()}", new { name = "" }, 400, "name");
    }

    [Fact]
    public async Task someone_elses_scene_is_a_404_for_every_endpoint()
    {
        var (_, owner) = await host.SalesCallerAsync();
        var (_, other) = await host.SalesCallerAsync();
        var scene = await owner.CreateSceneAsync("leads");
        var path = $"{SceneApi.Route}/{scene.Id()}";

        await other.RefusalAsync(HttpMethod.Get, path, null, 404);
        await other.RefusalAsync(HttpMethod.Get, path + "/history", null, 404);
        await other.RefusalAsync(HttpMethod.Patch, path, new { name = "Mine now" }, 404, ifMatch: "\"9\"");
        await other.RefusalAsync(HttpMethod.Post, path + "/default", null, 404);
        await other.RefusalAsync(HttpMethod.Delete, path + "/default", null, 404);
        await other.RefusalAsync(HttpMethod.Post, path + "/results", null, 404);
        await other.RefusalAsync(HttpMethod.Delete, path, null, 404);
        await owner.GetJsonAsync(path);
    }

    [Fact]
    public async Task a_deleted_scene_is_gone_and_its_name_is_free_again()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var scene = await sales.CreateSceneAsync("leads", "Temporary");

        await sales.ExpectAsync(HttpMethod.Delete, $"{SceneApi.Route}/{scene.Id()}", null, 204);

        await sales.RefusalAsync(HttpMethod.Get, $"{SceneApi.Route}/{scene.Id()}", null, 404);
        await sales.CreateSceneAsync("leads", "Temporary");
    }

    [Fact]
    public async Task a_create_retried_with_its_idempotency_key_answers_the_first_scene()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { kind = "leads", name = "Once", isDefault = true };

        var first = (await sales.ExpectAsync(HttpMethod.Post, SceneApi.Route, body, 201, idempotencyKey: key)).Json();
        var again = await sales.ExpectAsync(HttpMethod.Post, SceneApi.Route, body, 201, idempotencyKey: key);

        Assert.Equal(first.Id(), again.Json().Id());
        Assert.Single((await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task applying_a_scene_as_a_self_scope_user_returns_only_their_records()
    {
        var (_, sales) = await host.SalesCallerAsync("self");
        var company = LeadApi.Unique("SceneCo");
        var mine = await sales.CreateLeadAsync(LeadApi.Unique("Mine"), new { company, level = "A", createAnyway = true });
        await host.Admin.CreateLeadAsync(LeadApi.Unique("Admins"), new { company, level = "A", createAnyway = true });
        await sales.CreateLeadAsync(LeadApi.Unique("Level B"), new { company, level = "B", createAnyway = true });
        var scene = (await sales.ExpectAsync(HttpMethod.Post, SceneApi.Route, new { kind = "leads", name = "A leads", filter = LevelA, q = company }, 201)).Json();

        var results = await sales.ExpectAsync(HttpMethod.Post, $"{SceneApi.Route}/{scene.Id()}/results", new { includeTotal = true });

        var page = results.Json();
        Assert.Equal([mine.Id()], page.GetProperty("items").EnumerateArray().Select(l => l.Id()));
        Assert.Equal(1, page.GetProperty("total").GetInt64());
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{SceneApi.Route}/{scene.Id()}/results", null, 404);
    }

    [Fact]
    public async Task applying_a_scene_pages_with_the_lists_limit_and_refuses_a_bad_one()
    {
        var (_, sales) = await host.SalesCallerAsync("self");
        var company = LeadApi.Unique("Paged");
        for (var i = 0; i < 3; i++) await sales.CreateLeadAsync(LeadApi.Unique("Lead"), new { company, createAnyway = true });
        var scene = (await sales.ExpectAsync(HttpMethod.Post, SceneApi.Route, new { kind = "leads", name = "Paged", q = company, sort = "name" }, 201)).Json();

        var page = (await sales.ExpectAsync(HttpMethod.Post, $"{SceneApi.Route}/{scene.Id()}/results", new { limit = 2 })).Json();

        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
        await sales.RefusalAsync(HttpMethod.Post, $"{SceneApi.Route}/{scene.Id()}/results", new { limit = 0 }, 400, "limit");
    }
}
