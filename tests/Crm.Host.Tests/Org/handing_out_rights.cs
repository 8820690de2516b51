using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Org;

/// <summary>Nobody hands out rights beyond their own, and nobody changes their own (docs/permissions.md, "Handing out rights").</summary>
public sealed class handing_out_rights(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(ApiCaller Caller, Guid UserId, Guid RoleId)> HolderOfAsync(string dataScope, params string[] permissions)
    {
        // User writes answer the whole user, so whoever makes them reads users too (user.detail).
        var role = await host.Admin.CreateRoleAsync($"Holder {Guid.NewGuid():N}", dataScope, [.. permissions, "user.detail"]);
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        return (await host.SignedInAsync(user.Mobile(), Password), user.Id(), role.GetProperty("id").GetGuid());
    }

    private static object RoleIds(params JsonElement[] roles) => new { roleIds = roles.Select(r => r.GetProperty("id").GetGuid()).ToArray() };

    /// <summary>Expects the 403 with the code; answers the problem.</summary>
    private static Task<JsonElement> RefusalAsync(ApiCaller caller, HttpMethod method, string url, object body, string code, string? field = null) =>
        caller.RefusalAsync(method, url, body, 403, field, code);

    [Fact]
    public async Task a_user_holding_user_grant_cannot_give_themselves_a_wider_role()
    {
        var (caller, self, _) = await HolderOfAsync("self", "user.grant", "customer.list");
        var everything = await host.Admin.CreateRoleAsync($"Everything {Guid.NewGuid():N}", "all", "customer.list", "customer.delete", "role.edit");
        var before = await host.EventCountAsync();

        await RefusalAsync(caller, HttpMethod.Post, $"{Route}/{self}/roles", RoleIds(everything), "own_roles_locked");

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_grantor_gives_others_only_roles_within_their_own_rights()
    {
        var (caller, _, _) = await HolderOfAsync("department", "user.grant", "user.create", "customer.list");
        var wider = await host.Admin.CreateRoleAsync($"Wider {Guid.NewGuid():N}", "all", "customer.list");
        var more = await host.Admin.CreateRoleAsync($"More {Guid.NewGuid():N}", "self", "customer.list", "customer.delete");
        var within = await host.Admin.CreateRoleAsync($"Within {Guid.NewGuid():N}", "self_and_subordinates", "customer.list");
        var other = await host.Admin.CreateUserAsync(name: "Other");

        var scope = await RefusalAsync(caller, HttpMethod.Post, $"{Route}/{other.Id()}/roles", RoleIds(wider), "beyond_your_rights");
        Assert.Equal("all", scope.GetProperty("dataScope").GetString());
        AssertNamesNone(scope, wider.GetProperty("id").GetGuid(), other.Id());
        var permission = await caller.RefusalAsync(HttpMethod.Post, $"{Route}/{other.Id()}/roles", RoleIds(more), 403);
        Assert.Equal(["customer.delete"], permission.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        AssertNamesNone(permission, more.GetProperty("id").GetGuid(), other.Id());
        var atCreation = new { mobile = NewMobile(), password = Password, displayName = "New", roleIds = new[] { more.GetProperty("id").GetGuid() } };
        await RefusalAsync(caller, HttpMethod.Post, Route, atCreation, "beyond_your_rights");

        await caller.ExpectAsync(HttpMethod.Post, $"{Route}/{other.Id()}/roles", RoleIds(within));
    }

    [Fact]
    public async Task a_grantor_cannot_take_away_a_role_beyond_their_rights_either()
    {
        var (caller, _, _) = await HolderOfAsync("self", "user.grant");
        var strong = await host.Admin.CreateRoleAsync($"Strong {Guid.NewGuid():N}", "all", "customer.delete");
        var holder = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { strong.GetProperty("id").GetGuid() } });

        await RefusalAsync(caller, HttpMethod.Post, $"{Route}/{holder.Id()}/roles", RoleIds(), "beyond_your_rights");
    }

    [Fact]
    public async Task a_role_editor_cannot_widen_the_role_they_hold()
    {
        var (caller, _, roleId) = await HolderOfAsync("self", "role.edit", "customer.list");

        var json = """{ "permissions": ["role.edit", "customer.list", "customer.delete", "user.grant"], "dataScope": "all" }""";
        await RefusalAsync(caller, HttpMethod.Patch, $"{RoleApi.Route}/{roleId}", json, "own_role_locked");

        var role = await host.Admin.GetJsonAsync($"{RoleApi.Route}/{roleId}");
        Assert.Equal("self", role.GetProperty("dataScope").GetString());
    }

    [Fact]
    public async Task roles_are_created_and_reshaped_only_within_the_editors_rights()
    {
        var (caller, _, _) = await HolderOfAsync("department", "role.create", "role.edit", "customer.list", "customer.edit");

        var tooWide = new { name = $"Wide {Guid.NewGuid():N}", permissions = new[] { "customer.list" }, dataScope = "all" };
        await RefusalAsync(caller, HttpMethod.Post, RoleApi.Route, tooWide, "beyond_your_rights");
        var tooMuch = new { name = $"Much {Guid.NewGuid():N}", permissions = new[] { "customer.list", "user.grant" }, dataScope = "self" };
        await RefusalAsync(caller, HttpMethod.Post, RoleApi.Route, tooMuch, "beyond_your_rights");

        var made = await caller.CreateRoleAsync($"Made {Guid.NewGuid():N}", "department", "customer.list");
        var path = $"{RoleApi.Route}/{made.GetProperty("id").GetGuid()}";
        var more = """{ "permissions": ["customer.list", "customer.delete"] }""";
        await RefusalAsync(caller, HttpMethod.Patch, path, more, "beyond_your_rights");
        await RefusalAsync(caller, HttpMethod.Patch, path, """{ "dataScope": "department_and_children" }""", "beyond_your_rights");
        await caller.ExpectAsync(HttpMethod.Patch, path, """{ "permissions": ["customer.list", "customer.edit"] }""");

        var strong = await host.Admin.CreateRoleAsync($"Strong {Guid.NewGuid():N}", "all", "customer.list");
        var strongPath = $"{RoleApi.Route}/{strong.GetProperty("id").GetGuid()}";
        await RefusalAsync(caller, HttpMethod.Patch, strongPath, """{ "dataScope": "self" }""", "beyond_your_rights");
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
        var (holder, self, _) = await HolderOfAsync("all", "user.reset-password", "user.edit", "user.grant");
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var before = await host.EventCountAsync();

        foreach (var (caller, id) in new[] { (holder, self), (host.Admin, me.Id()) })
        {
            var refused = await RefusalAsync(caller, HttpMethod.Post, $"{Route}/{id}/reset-password", new { password = "mine for good now" }, "own_password_via_change");
            Assert.Contains("/api/auth/password", refused.GetProperty("detail").GetString());
        }

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task only_a_super_administrator_moves_themselves_to_another_department_or_superior()
    {
        var (caller, self, _) = await HolderOfAsync("department", "user.edit", "customer.list");
        var department = (await host.Admin.ExpectAsync(HttpMethod.Post, "/api/departments", new { name = $"Wider {Guid.NewGuid():N}" }, 201)).Json();
        var boss = await host.Admin.CreateUserAsync(name: "Boss");
        var other = await host.Admin.CreateUserAsync(name: "Other");
        var before = await host.EventCountAsync();

        foreach (var (field, value) in new[] { ("departmentId", department.Id()), ("superiorId", boss.Id()) })
            await RefusalAsync(caller, HttpMethod.Patch, $"{Route}/{self}", new Dictionary<string, Guid> { [field] = value }, "own_placement_locked", field);

        Assert.Equal(before, await host.EventCountAsync());
        await caller.ExpectAsync(HttpMethod.Patch, $"{Route}/{self}", """{ "displayName": "Still me" }""");
        var moved = new { departmentId = department.Id(), superiorId = boss.Id() };
        await caller.ExpectAsync(HttpMethod.Patch, $"{Route}/{other.Id()}", moved);
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"{Route}/{me.Id()}", moved);
    }

    [Fact]
    public async Task a_password_reset_is_never_a_way_up_to_a_user_with_more_rights()
    {
        var (caller, _, ownRole) = await HolderOfAsync("self", "user.reset-password", "customer.list");
        var strong = await host.Admin.CreateRoleAsync($"Strong {Guid.NewGuid():N}", "all", "customer.list", "role.edit");
        var stronger = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { strong.GetProperty("id").GetGuid() } });
        var peer = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { ownRole } });
        var before = await host.EventCountAsync();

        var reset = await RefusalAsync(caller, HttpMethod.Post, $"{Route}/{stronger.Id()}/reset-password", new { password = "taken over at last" }, "beyond_your_rights");
        AssertNamesNone(reset, strong.GetProperty("id").GetGuid(), stronger.Id());

        Assert.Equal(before, await host.EventCountAsync());
        await caller.ExpectAsync(HttpMethod.Post, $"{Route}/{peer.Id()}/reset-password", new { password = "reset by a peer" });
    }
}
