using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

public sealed class racing_scene_writes(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task racing_creates_of_one_name_make_one_scene_and_a_409()
    {
        var (_, sales) = await host.SalesCallerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sales.Scenario(s =>
        {
            s.Post.Json(new { kind = "leads", name = "Same" }).ToUrl(SceneApi.Route);
            s.IgnoreStatusCode();
        })));

        Assert.Equal([201, 409, 409, 409], responses.Select(r => r.Status()).Order());
        foreach (var refused in responses.Where(r => r.Status() == 409)) refused.ShouldBeProblem(409, "name");
        Assert.Single((await sales.GetJsonAsync($"{SceneApi.Route}?kind=leads")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task racing_make_default_calls_leave_exactly_one_default()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var scenes = new List<Guid>();
        for (var i = 0; i < 4; i++) scenes.Add(UserApi.Id(await sales.CreateSceneAsync("customers", $"Scene {i}", isDefault: i == 0)));

        var responses = await Task.WhenAll(scenes.Skip(1).Select(sceneId => sales.Scenario(s =>
        {
            s.Post.Url($"{SceneApi.Route}/{sceneId}/default");
            s.WithoutBody();
            s.IgnoreStatusCode();
        })));

        Assert.All(responses, r => Assert.True(r.Status() is 200 or 409, r.Status().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=customers");
        Assert.Single(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task applying_a_scene_after_losing_the_kinds_list_permission_is_a_403()
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = LeadApi.Unique("Leads only"), permissions = new[] { "lead.list" }, dataScope = "self" });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var sales = await host.SignedInAsync(user.Mobile(), UserApi.Password);
        var scene = await sales.CreateSceneAsync("leads");
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"/api/roles/{role.GetProperty("id").GetGuid()}", new { permissions = new[] { "customer.list" } });

        var problem = await sales.RefusalAsync(HttpMethod.Post, $"{SceneApi.Route}/{UserApi.Id(scene)}/results", null, 403);

        Assert.Equal("lead.list", problem.GetProperty("permission").GetString());
    }
}
