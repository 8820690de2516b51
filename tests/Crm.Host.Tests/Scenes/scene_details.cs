using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

public sealed class scene_details(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/scenes", "get", new[] { "200", "400", "401" })]
    [InlineData("/api/scenes", "post", new[] { "201", "400", "401", "403", "409", "422" })]
    [InlineData("/api/scenes/{id}", "get", new[] { "200", "401", "404" })]
    [InlineData("/api/scenes/{id}", "patch", new[] { "200", "400", "401", "404", "409", "412" })]
    [InlineData("/api/scenes/{id}", "delete", new[] { "204", "400", "401", "404", "412" })]
    [InlineData("/api/scenes/{id}/default", "post", new[] { "200", "400", "401", "404", "409", "412" })]
    [InlineData("/api/scenes/{id}/default", "delete", new[] { "200", "400", "401", "404", "412" })]
    [InlineData("/api/scenes/{id}/history", "get", new[] { "200", "401", "404" })]
    [InlineData("/api/scenes/{id}/results", "post", new[] { "200", "400", "401", "403", "404" })]
    public async Task the_openapi_document_lists_each_scene_operation_with_a_summary_and_its_status_codes(string path, string method, string[] statuses)
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(statuses.ToHashSet(), documented);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task a_patch_of_the_sort_alone_keeps_the_filter_and_a_new_order_reorders_the_list()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var filter = new { and = new[] { new { field = "source", op = "eq", value = "fair" } } };
        var first = await sales.CreateSceneAsync("leads", "First", filter);
        var second = await sales.CreateSceneAsync("leads", "Second");

        var patched = (await sales.ExpectAsync(HttpMethod.Patch, $"{SceneApi.Route}/{first.Id()}", new { sort = "name", order = 5 })).Json();

        Assert.Equal("source", patched.GetProperty("filter").GetProperty("and")[0].GetProperty("field").GetString());
        Assert.Equal("name", patched.GetProperty("sort").GetString());
        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads");
        Assert.Equal([second.Id(), first.Id()], list.GetProperty("items").EnumerateArray().Select(s => s.Id()));
        await sales.RefusalAsync(HttpMethod.Patch, $"{SceneApi.Route}/{first.Id()}", new { order = -1 }, 400, "order");
    }

    [Fact]
    public async Task an_idempotency_key_reused_for_another_scene_is_a_422()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var key = Guid.NewGuid().ToString();
        await sales.ExpectAsync(HttpMethod.Post, SceneApi.Route, new { kind = "leads", name = "One" }, 201, idempotencyKey: key);

        await sales.RefusalAsync(HttpMethod.Post, SceneApi.Route, new { kind = "leads", name = "Two" }, 422, code: "idempotency_key_reused", idempotencyKey: key);
    }

    [Fact]
    public async Task scenes_need_a_sign_in_and_a_bad_if_match_is_a_400()
    {
        await host.SignedOut.RefusalAsync(HttpMethod.Get, SceneApi.Route, null, 401);
        var (_, sales) = await host.SalesCallerAsync("self", [.. LeadApi.SalesPermissions, "contact.list"]);
        var scene = await sales.CreateSceneAsync("contacts");

        await sales.RefusalAsync(HttpMethod.Patch, $"{SceneApi.Route}/{scene.Id()}", new { name = "x" }, 400, "If-Match", ifMatch: "W/\"nope\"");
        Assert.Equal(JsonValueKind.Null, scene.GetProperty("filter").ValueKind);
        Assert.Equal("-updatedAt", scene.GetProperty("sort").GetString());
    }
}
