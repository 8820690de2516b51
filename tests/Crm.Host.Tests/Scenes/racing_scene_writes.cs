using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Org;

namespace Crm.Host.Tests.Scenes;

public sealed class racing_scene_writes(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task racing_creates_of_one_name_make_one_scene_and_a_409()
    {
        var (_, sales) = await host.SalesUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sales.PostJsonAsync(SceneApi.Route, new { kind = "leads", name = "Same" })));

        Assert.Equal([201, 409, 409, 409], responses.Select(r => (int)r.StatusCode).Order());
        foreach (var refused in responses.Where(r => (int)r.StatusCode == 409)) await refused.AssertProblemAsync(409, "name");
        Assert.Single((await (await sales.GetAsync($"{SceneApi.Route}?kind=leads")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task racing_make_default_calls_leave_exactly_one_default()
    {
        var (_, sales) = await host.SalesUserAsync();
        var scenes = new List<Guid>();
        for (var i = 0; i < 4; i++) scenes.Add(UserApi.Id(await sales.CreateSceneAsync("customers", $"Scene {i}", isDefault: i == 0)));

        var responses = await Task.WhenAll(scenes.Skip(1).Select(sceneId => sales.PostAsync($"{SceneApi.Route}/{sceneId}/default", null)));

        Assert.All(responses, r => Assert.True((int)r.StatusCode is 200 or 409, r.StatusCode.ToString()));
        var list = await (await sales.GetAsync($"{SceneApi.Route}?kind=customers")).JsonAsync();
        Assert.Single(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task applying_a_scene_after_losing_the_kinds_list_permission_is_a_403()
    {
        var role = await host.Client.CreateRoleAsync(LeadApi.Unique("Leads only"), "self", ["lead.list"]);
        var user = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var sales = await host.SignedInClientAsync(user.Mobile(), UserApi.Password);
        var scene = await sales.CreateSceneAsync("leads");
        var patched = await host.Client.PatchJsonAsync($"/api/roles/{role.GetProperty("id").GetGuid()}", new { permissions = new[] { "customer.list" } });
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());

        var problem = await (await sales.PostAsync($"{SceneApi.Route}/{UserApi.Id(scene)}/results", null)).AssertProblemAsync(403);

        Assert.Equal("lead.list", problem.GetProperty("permission").GetString());
    }
}
