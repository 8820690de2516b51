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
        var (_, sales) = await host.SalesUserAsync();
        var scene = await sales.CreateSceneAsync("customers", "A-level", LevelA, "name");

        var response = await sales.GetAsync($"{SceneApi.Route}/{scene.Id()}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        var read = await response.JsonAsync();
        Assert.Equal("A-level", read.GetProperty("name").GetString());
        Assert.Equal("customers", read.GetProperty("kind").GetString());
        Assert.Equal("name", read.GetProperty("sort").GetString());
        Assert.Equal("level", read.GetProperty("filter").GetProperty("and")[0].GetProperty("field").GetString());
        Assert.False(read.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task the_list_shows_only_the_callers_scenes_of_the_kind_in_order()
    {
        var (_, sales) = await host.SalesUserAsync();
        var (_, other) = await host.SalesUserAsync();
        var first = await sales.CreateSceneAsync("leads", "First");
        var second = await sales.CreateSceneAsync("leads", "Second");
        await sales.CreateSceneAsync("customers", "A customer scene");
        await other.CreateSceneAsync("leads", "Not mine");

        var list = await (await sales.GetAsync($"{SceneApi.Route}?kind=leads")).JsonAsync();

        Assert.Equal([first.Id(), second.Id()], list.GetProperty("items").EnumerateArray().Select(s => s.Id()));
        Assert.Equal([0, 1], list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("order").GetInt32()));
    }

    [Fact]
    public async Task an_unknown_kind_is_a_400_naming_kind()
    {
        var (_, sales) = await host.SalesUserAsync();

        await (await sales.PostJsonAsync(SceneApi.Route, new { kind = "deals", name = "x" })).AssertProblemAsync(400, "kind");
        await (await sales.GetAsync($"{SceneApi.Route}?kind=deals")).AssertProblemAsync(400, "kind");
    }

    [Fact]
    public async Task an_unknown_filter_field_a_bad_sort_and_an_over_long_name_are_a_400_naming_each()
    {
        var (_, sales) = await host.SalesUserAsync();
        var filter = new { and = new object[] { new { field = "level", op = "eq", value = "A" }, new { field = "colour", op = "eq", value = "red" } } };

        var response = await sales.PostJsonAsync(SceneApi.Route, new { kind = "leads", name = new string('x', 61), filter, sort = "-price" });

        var problem = await response.AssertProblemAsync(400, "filter.colour");
        Assert.True(problem.GetProperty("errors").TryGetProperty("sort", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        var list = await (await sales.GetAsync($"{SceneApi.Route}?kind=leads")).JsonAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task a_filter_field_of_another_kind_is_refused_as_the_kinds_search_refuses_it()
    {
        var (_, sales) = await host.SalesUserAsync();
        var converted = new { and = new[] { new { field = "converted", op = "eq", value = false } } };

        await sales.CreateSceneAsync("leads", filter: converted);
        await (await sales.PostJsonAsync(SceneApi.Route, new { kind = "customers", name = "x", filter = converted })).AssertProblemAsync(400, "filter.converted");
    }

    [Fact]
    public async Task a_second_scene_with_the_same_name_and_kind_is_a_409()
    {
        var (_, sales) = await host.SalesUserAsync();
        await sales.CreateSceneAsync("leads", "Hot");

        var problem = await (await sales.PostJsonAsync(SceneApi.Route, new { kind = "leads", name = "HOT" })).AssertProblemAsync(409, "name");

        Assert.Equal("scene_name_taken", problem.GetProperty("code").GetString());
        await sales.CreateSceneAsync("customers", "Hot");
    }

    [Fact]
    public async Task creating_a_scene_without_the_kinds_list_permission_is_a_403()
    {
        var (_, sales) = await host.SalesUserAsync("self", "lead.list");

        var problem = await (await sales.PostJsonAsync(SceneApi.Route, new { kind = "customers", name = "x" })).AssertProblemAsync(403);

        Assert.Equal("customer.list", problem.GetProperty("permission").GetString());
    }

    [Fact]
    public async Task making_a_scene_the_default_clears_the_previous_default()
    {
        var (_, sales) = await host.SalesUserAsync();
        var first = await sales.CreateSceneAsync("leads", "First", isDefault: true);
        var second = await sales.CreateSceneAsync("leads", "Second");

        var response = await sales.PostAsync($"{SceneApi.Route}/{second.Id()}/default", null);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("isDefault").GetBoolean());
        var list = await (await sales.GetAsync($"{SceneApi.Route}?kind=leads")).JsonAsync();
        Assert.Equal([second.Id()], list.GetProperty("items").EnumerateArray().Where(s => s.GetProperty("isDefault").GetBoolean()).Select(s => s.Id()));
        var history = await (await sales.GetAsync($"{SceneApi.Route}/{first.Id()}/history")).JsonAsync();
        Assert.Equal(["created", "made_default", "default_cleared"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task clearing_the_default_leaves_the_kind_without_one()
    {
        var (_, sales) = await host.SalesUserAsync();
        var scene = await sales.CreateSceneAsync("leads", "Mine", isDefault: true);
        var path = $"{SceneApi.Route}/{scene.Id()}/default";

        await (await sales.SendJsonAsync(HttpMethod.Delete, path, null, ("If-Match", "\"99\""))).AssertProblemAsync(412);
        var cleared = await sales.DeleteAsync(path);

        Assert.Equal(200, (int)cleared.StatusCode);
        var body = await cleared.JsonAsync();
        Assert.False(body.GetProperty("isDefault").GetBoolean());
        var list = await (await sales.GetAsync($"{SceneApi.Route}?kind=leads")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("isDefault").GetBoolean());
        var again = await (await sales.DeleteAsync(path)).JsonAsync();
        Assert.Equal(body.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        var history = await (await sales.GetAsync($"{SceneApi.Route}/{scene.Id()}/history")).JsonAsync();
        Assert.Equal(["created", "made_default", "default_cleared"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task creating_a_default_scene_takes_the_default_from_the_previous_one()
    {
        var (_, sales) = await host.SalesUserAsync();
        var first = await sales.CreateSceneAsync("leads", "First", isDefault: true);
        var second = await sales.CreateSceneAsync("leads", "Second", isDefault: true);

        Assert.True(second.GetProperty("isDefault").GetBoolean());
        Assert.False((await (await sales.GetAsync($"{SceneApi.Route}/{first.Id()}")).JsonAsync()).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task a_patch_renames_and_changes_the_filter_with_if_match_and_the_history_shows_old_and_new()
    {
        var (_, sales) = await host.SalesUserAsync();
        var scene = await sales.CreateSceneAsync("leads", "Before", LevelA);

        var response = await sales.PatchJsonAsync($"{SceneApi.Route}/{scene.Id()}", new { name = "After", filter = (object?)null, sort = "-createdAt" }, ("If-Match", "\"1\""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"3\"", response.ETag());
        var read = await response.JsonAsync();
        Assert.Equal("After", read.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("filter").ValueKind);
        var history = await (await sales.GetAsync($"{SceneApi.Route}/{scene.Id()}/history")).JsonAsync();
        var renamed = history.GetProperty("items")[1];
        Assert.Equal("scene.renamed", renamed.GetProperty("eventType").GetString());
        Assert.Equal("Before", renamed.GetProperty("changes")[0].GetProperty("old").GetString());
        var changes = history.GetProperty("items")[2].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString());
        Assert.Equal(["filter", "sort"], changes);
    }

    [Fact]
    public async Task a_stale_if_match_is_a_412_and_a_bad_filter_in_a_patch_a_400_naming_it()
    {
        var (_, sales) = await host.SalesUserAsync();
        var scene = await sales.CreateSceneAsync("leads");
        var bad = new { and = new[] { new { field = "level", op = "gte", value = "A" } } };

        await (await sales.PatchJsonAsync($"{SceneApi.Route}/{scene.Id()}", new { name = "x" }, ("If-Match", "\"7\""))).AssertProblemAsync(412);
        await (await sales.PatchJsonAsync($"{SceneApi.Route}/{scene.Id()}", new { filter = bad })).AssertProblemAsync(400, "filter.level");
        await (await sales.PatchJsonAsync($"{SceneApi.Route}/{scene.Id()}", new { name = "" })).AssertProblemAsync(400, "name");
    }

    [Fact]
    public async Task someone_elses_scene_is_a_404_for_every_endpoint()
    {
        var (_, owner) = await host.SalesUserAsync();
        var (_, other) = await host.SalesUserAsync();
        var scene = await owner.CreateSceneAsync("leads");
        var path = $"{SceneApi.Route}/{scene.Id()}";

        await (await other.GetAsync(path)).AssertProblemAsync(404);
        await (await other.GetAsync(path + "/history")).AssertProblemAsync(404);
        await (await other.PatchJsonAsync(path, new { name = "Mine now" }, ("If-Match", "\"9\""))).AssertProblemAsync(404);
        await (await other.PostAsync(path + "/default", null)).AssertProblemAsync(404);
        await (await other.DeleteAsync(path + "/default")).AssertProblemAsync(404);
        await (await other.PostAsync(path + "/results", null)).AssertProblemAsync(404);
        await (await other.DeleteAsync(path)).AssertProblemAsync(404);
        Assert.Equal(200, (int)(await owner.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task a_deleted_scene_is_gone_and_its_name_is_free_again()
    {
        var (_, sales) = await host.SalesUserAsync();
        var scene = await sales.CreateSceneAsync("leads", "Temporary");

        Assert.Equal(204, (int)(await sales.DeleteAsync($"{SceneApi.Route}/{scene.Id()}")).StatusCode);

        await (await sales.GetAsync($"{SceneApi.Route}/{scene.Id()}")).AssertProblemAsync(404);
        await sales.CreateSceneAsync("leads", "Temporary");
    }

    [Fact]
    public async Task a_create_retried_with_its_idempotency_key_answers_the_first_scene()
    {
        var (_, sales) = await host.SalesUserAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { kind = "leads", name = "Once", isDefault = true };

        var first = await (await sales.PostJsonAsync(SceneApi.Route, body, ("Idempotency-Key", key))).JsonAsync();
        var again = await sales.PostJsonAsync(SceneApi.Route, body, ("Idempotency-Key", key));

        Assert.Equal(201, (int)again.StatusCode);
        Assert.Equal(first.Id(), (await again.JsonAsync()).Id());
        Assert.Single((await (await sales.GetAsync($"{SceneApi.Route}?kind=leads")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task applying_a_scene_as_a_self_scope_user_returns_only_their_records()
    {
        var (_, sales) = await host.SalesUserAsync("self");
        var company = LeadApi.Unique("SceneCo");
        var mine = await sales.CreateLeadAsync(LeadApi.Unique("Mine"), new { company, level = "A", createAnyway = true });
        await host.Client.CreateLeadAsync(LeadApi.Unique("Admins"), new { company, level = "A", createAnyway = true });
        await sales.CreateLeadAsync(LeadApi.Unique("Level B"), new { company, level = "B", createAnyway = true });
        var response = await sales.PostJsonAsync(SceneApi.Route, new { kind = "leads", name = "A leads", filter = LevelA, q = company });
        var scene = await response.JsonAsync();

        var results = await sales.PostJsonAsync($"{SceneApi.Route}/{scene.Id()}/results", new { includeTotal = true });

        Assert.Equal(200, (int)results.StatusCode);
        var page = await results.JsonAsync();
        Assert.Equal([mine.Id()], page.GetProperty("items").EnumerateArray().Select(l => l.Id()));
        Assert.Equal(1, page.GetProperty("total").GetInt64());
        var admin = await host.Client.PostJsonAsync($"{SceneApi.Route}/{scene.Id()}/results", null);
        await admin.AssertProblemAsync(404);
    }

    [Fact]
    public async Task applying_a_scene_pages_with_the_lists_limit_and_refuses_a_bad_one()
    {
        var (_, sales) = await host.SalesUserAsync("self");
        var company = LeadApi.Unique("Paged");
        for (var i = 0; i < 3; i++) await sales.CreateLeadAsync(LeadApi.Unique("Lead"), new { company, createAnyway = true });
        var scene = await (await sales.PostJsonAsync(SceneApi.Route, new { kind = "leads", name = "Paged", q = company, sort = "name" })).JsonAsync();

        var page = await (await sales.PostJsonAsync($"{SceneApi.Route}/{scene.Id()}/results", new { limit = 2 })).JsonAsync();

        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
        await (await sales.PostJsonAsync($"{SceneApi.Route}/{scene.Id()}/results", new { limit = 0 })).AssertProblemAsync(400, "limit");
    }
}
