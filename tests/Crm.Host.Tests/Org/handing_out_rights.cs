using System.Text.Json;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Org;

/// <summary>Nobody hands out rights beyond their own, and nobody changes their own (docs/permissions.md, "Handing out rights").</summary>
public sealed class handing_out_rights(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(HttpClient Client, Guid UserId, Guid RoleId)> HolderOfAsync(string dataScope, params string[] permissions)
    {
        // User writes answer the whole user, so whoever makes them reads users too (user.detail).
        var role = await host.Client.CreateRoleAsync($"Holder {Guid.NewGuid():N}", dataScope, [.. permissions, "user.detail"]);
        var user = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        return (await host.SignedInClientAsync(user.Mobile(), Password), user.Id(), role.GetProperty("id").GetGuid());
    }

    private static Task<HttpResponseMessage> SetRolesAsync(HttpClient client, Guid userId, params JsonElement[] roles) =>
        client.PostAsync($"{Route}/{userId}/roles", new { roleIds = roles.Select(r => r.GetProperty("id").GetGuid()).ToArray() });

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        var problem = await response.AssertProblemAsync(403);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_user_holding_user_grant_cannot_give_themselves_a_wider_role()
    {
        var (client, self, _) = await HolderOfAsync("self", "user.grant", "customer.list");
        var everything = await host.Client.CreateRoleAsync($"Everything {Guid.NewGuid():N}", "all", "customer.list", "customer.delete", "role.edit");
        var before = await host.EventCountAsync();

        await AssertRefusedAsync(await SetRolesAsync(client, self, everything), "own_roles_locked");

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_grantor_gives_others_only_roles_within_their_own_rights()
    {
        var (client, _, _) = await HolderOfAsync("department", "user.grant", "user.create", "customer.list");
        var wider = await host.Client.CreateRoleAsync($"Wider {Guid.NewGuid():N}", "all", "customer.list");
        var more = await host.Client.CreateRoleAsync($"More {Guid.NewGuid():N}", "self", "customer.list", "customer.delete");
        var within = await host.Client.CreateRoleAsync($"Within {Guid.NewGuid():N}", "self_and_subordinates", "customer.list");
        var other = await host.Client.CreateUserAsync(name: "Other");

        var scope = await (await SetRolesAsync(client, other.Id(), wider)).AssertProblemAsync(403);
        Assert.Equal("beyond_your_rights", scope.GetProperty("code").GetString());
        Assert.Equal("all", scope.GetProperty("dataScope").GetString());
        AssertNamesNone(scope, wider.GetProperty("id").GetGuid(), other.Id());
        var permission = await (await SetRolesAsync(client, other.Id(), more)).AssertProblemAsync(403);
        Assert.Equal(["customer.delete"], permission.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        AssertNamesNone(permission, more.GetProperty("id").GetGuid(), other.Id());
        var atCreation = JsonSerializer.Serialize(
            new { mobile = NewMobile(), password = Password, displayName = "New", roleIds = new[] { more.GetProperty("id").GetGuid() } });
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Post, Route, atCreation), "beyond_your_rights");

        Assert.Equal(200, (int)(await SetRolesAsync(client, other.Id(), within)).StatusCode);
    }

    [Fact]
    public async Task a_grantor_cannot_take_away_a_role_beyond_their_rights_either()
    {
        var (client, _, _) = await HolderOfAsync("self", "user.grant");
        var strong = await host.Client.CreateRoleAsync($"Strong {Guid.NewGuid():N}", "all", "customer.delete");
        var holder = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { strong.GetProperty("id").GetGuid() } });

        await AssertRefusedAsync(await SetRolesAsync(client, holder.Id()), "beyond_your_rights");
    }

    [Fact]
    public async Task a_role_editor_cannot_widen_the_role_they_hold()
    {
        var (client, _, roleId) = await HolderOfAsync("self", "role.edit", "customer.list");

        var json = """{ "permissions": ["role.edit", "customer.list", "customer.delete", "user.grant"], "dataScope": "all" }""";
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Patch, $"{RoleApi.Route}/{roleId}", json), "own_role_locked");

        var role = await (await host.Client.GetAsync($"{RoleApi.Route}/{roleId}")).JsonAsync();
        Assert.Equal("self", role.GetProperty("dataScope").GetString());
    }

    [Fact]
    public async Task roles_are_created_and_reshaped_only_within_the_editors_rights()
    {
        var (client, _, _) = await HolderOfAsync("department", "role.create", "role.edit", "customer.list", "customer.edit");

        var tooWide = JsonSerializer.Serialize(new { name = $"Wide {Guid.NewGuid():N}", permissions = new[] { "customer.list" }, dataScope = "all" });
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Post, RoleApi.Route, tooWide), "beyond_your_rights");
        var tooMuch = JsonSerializer.Serialize(
            new { name = $"Much {Guid.NewGuid():N}", permissions = new[] { "customer.list", "user.grant" }, dataScope = "self" });
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Post, RoleApi.Route, tooMuch), "beyond_your_rights");

        var made = await client.CreateRoleAsync($"Made {Guid.NewGuid():N}", "department", "customer.list");
        var path = $"{RoleApi.Route}/{made.GetProperty("id").GetGuid()}";
        var more = """{ "permissions": ["customer.list", "customer.delete"] }""";
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Patch, path, more), "beyond_your_rights");
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Patch, path, """{ "dataScope": "department_and_children" }"""), "beyond_your_rights");
        Assert.Equal(200, (int)(await client.SendJsonAsync(HttpMethod.Patch, path, """{ "permissions": ["customer.list", "customer.edit"] }""")).StatusCode);

        var strong = await host.Client.CreateRoleAsync($"Strong {Guid.NewGuid():N}", "all", "customer.list");
        var strongPath = $"{RoleApi.Route}/{strong.GetProperty("id").GetGuid()}";
        await AssertRefusedAsync(await client.SendJsonAsync(HttpMethod.Patch, strongPath, """{ "dataScope": "self" }"""), "beyond_your_rights");
    }

    /// <summary>The caller may hold neither role.list nor user.detail: a refusal names what they lack, not whose role it is.</summary>
    private static void AssertNamesNone(JsonElement problem, params Guid[] ids)
    {
        // The instance is the caller's own request path: it may carry the id they sent.
        var text = string.Concat(problem.EnumerateObject().Where(p => p.Name != "instance").Select(p => p.Value.GetRawText()));
        Assert.All(ids, id => Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task nobody_resets_their_own_password_through_the_administrators_reset_not_even_a_super_administrator()
    {
        var (client, self, _) = await HolderOfAsync("all", "user.reset-password", "user.edit", "user.grant");
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var before = await host.EventCountAsync();

        foreach (var (caller, id) in new[] { (client, self), (host.Client, me.Id()) })
        {
            var refused = await (await caller.PostAsync($"{Route}/{id}/reset-password", new { password = "mine for good now" })).AssertProblemAsync(403);
            Assert.Equal("own_password_via_change", refused.GetProperty("code").GetString());
            Assert.Contains("/api/auth/password", refused.GetProperty("detail").GetString());
        }

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task only_a_super_administrator_moves_themselves_to_another_department_or_superior()
    {
        var (client, self, _) = await HolderOfAsync("department", "user.edit", "customer.list");
        var department = await (await host.Client.PostAsync("/api/departments", new { name = $"Wider {Guid.NewGuid():N}" })).JsonAsync();
        var boss = await host.Client.CreateUserAsync(name: "Boss");
        var other = await host.Client.CreateUserAsync(name: "Other");
        var before = await host.EventCountAsync();

        foreach (var (field, value) in new[] { ("departmentId", department.Id()), ("superiorId", boss.Id()) })
        {
            var json = JsonSerializer.Serialize(new Dictionary<string, Guid> { [field] = value });
            var refused = await (await client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{self}", json)).AssertProblemAsync(403, field);
            Assert.Equal("own_placement_locked", refused.GetProperty("code").GetString());
        }

        Assert.Equal(before, await host.EventCountAsync());
        Assert.Equal(200, (int)(await client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{self}", """{ "displayName": "Still me" }""")).StatusCode);
        var moved = JsonSerializer.Serialize(new { departmentId = department.Id(), superiorId = boss.Id() });
        Assert.Equal(200, (int)(await client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{other.Id()}", moved)).StatusCode);
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        Assert.Equal(200, (int)(await host.Client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{me.Id()}", moved)).StatusCode);
    }

    [Fact]
    public async Task a_password_reset_is_never_a_way_up_to_a_user_with_more_rights()
    {
        var (client, _, ownRole) = await HolderOfAsync("self", "user.reset-password", "customer.list");
        var strong = await host.Client.CreateRoleAsync($"Strong {Guid.NewGuid():N}", "all", "customer.list", "role.edit");
        var stronger = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { strong.GetProperty("id").GetGuid() } });
        var peer = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { ownRole } });
        var before = await host.EventCountAsync();

        var reset = await (await client.PostAsync($"{Route}/{stronger.Id()}/reset-password", new { password = "taken over at last" })).AssertProblemAsync(403);
        Assert.Equal("beyond_your_rights", reset.GetProperty("code").GetString());
        AssertNamesNone(reset, strong.GetProperty("id").GetGuid(), stronger.Id());

        Assert.Equal(before, await host.EventCountAsync());
        Assert.Equal(200, (int)(await client.PostAsync($"{Route}/{peer.Id()}/reset-password", new { password = "reset by a peer" })).StatusCode);
    }
}
