using System.Text.Json;
using Crm.Host.Tests.Org;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

/// <summary>Only a super administrator may act on a super administrator's account, whatever roles the caller holds.</summary>
public sealed class protecting_super_administrators(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<HttpClient> UserAdministratorAsync()
    {
        var role = await host.Client.CreateRoleAsync($"User admin {Guid.NewGuid():N}", "all",
            "user.create", "user.list", "user.detail", "user.edit", "user.grant", "user.disable", "user.reset-password", "user.hand-over");
        var admin = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        return await host.SignedInClientAsync(admin.Mobile(), Password);
    }

    private async Task<JsonElement> SuperAdministratorAsync()
    {
        var user = await host.Client.CreateUserAsync(name: "Second Administrator");
        Assert.Equal(200, (int)(await host.Client.PostAsync($"{Route}/{user.Id()}/super-admin", new { grant = true })).StatusCode);
        return user;
    }

    private static async Task AssertProtectedAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(403);
        Assert.Equal("super_admin_protected", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_password_reset_of_a_super_administrator_by_a_mere_user_administrator_is_refused_and_changes_nothing()
    {
        var client = await UserAdministratorAsync();
        var target = await SuperAdministratorAsync();
        var before = await host.EventCountAsync();

        await AssertProtectedAsync(await client.PostAsync($"{Route}/{target.Id()}/reset-password", new { password = "taken over at last" }));

        Assert.Equal(before, await host.EventCountAsync());
        await (await host.Anonymous.LoginAsync(target.Mobile(), "taken over at last")).AssertProblemAsync(401);
        Assert.Equal(200, (int)(await host.Anonymous.LoginAsync(target.Mobile(), Password)).StatusCode);
    }

    [Fact]
    public async Task disabling_editing_and_changing_the_roles_of_a_super_administrator_are_refused()
    {
        var client = await UserAdministratorAsync();
        var target = await SuperAdministratorAsync();
        var before = await host.EventCountAsync();

        await AssertProtectedAsync(await client.PostAsync($"{Route}/{target.Id()}/disable", new { }));
        await AssertProtectedAsync(await client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{target.Id()}", $$"""{ "mobile": "{{NewMobile()}}" }"""));
        await AssertProtectedAsync(await client.PostAsync($"{Route}/{target.Id()}/roles", new { roleIds = Array.Empty<Guid>() }));
        var bootstrap = (await (await host.Client.GetAsync("/api/auth/me")).JsonAsync()).Id();
        await AssertProtectedAsync(await client.PostAsync($"{Route}/{bootstrap}/disable", new { }));

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_disabled_super_administrator_is_protected_too_from_enabling_and_hand_over()
    {
        var client = await UserAdministratorAsync();
        var target = await SuperAdministratorAsync();
        var receiver = await host.Client.CreateUserAsync(name: "Receiver");
        Assert.Equal(200, (int)(await host.Client.PostAsync($"{Route}/{target.Id()}/disable", new { })).StatusCode);

        await AssertProtectedAsync(await client.PostAsync($"{Route}/{target.Id()}/enable", new { }));
        await AssertProtectedAsync(await client.PostAsync($"{Route}/{target.Id()}/hand-over", new { toUserId = receiver.Id() }));
        await AssertProtectedAsync(await client.PostAsync($"{Route}/{target.Id()}/reset-password", new { password = "taken over at last" }));
    }

    [Fact]
    public async Task a_super_administrator_may_act_on_another_and_a_user_administrator_on_everyone_else()
    {
        var client = await UserAdministratorAsync();
        var target = await SuperAdministratorAsync();
        var plain = await host.Client.CreateUserAsync(name: "Plain User");

        Assert.Equal(200, (int)(await host.Client.PostAsync($"{Route}/{target.Id()}/reset-password", new { password = "set by a peer" })).StatusCode);
        Assert.Equal(200, (int)(await client.PostAsync($"{Route}/{plain.Id()}/reset-password", new { password = "set by the administrator" })).StatusCode);
        Assert.Equal(200, (int)(await client.PostAsync($"{Route}/{plain.Id()}/disable", new { })).StatusCode);
    }

    [Fact]
    public async Task nobody_but_a_super_administrator_makes_one_not_even_by_creating_a_user()
    {
        var client = await UserAdministratorAsync();
        var body = JsonSerializer.Serialize(new { mobile = NewMobile(), password = Password, displayName = "Sneaky", isSuperAdmin = true, superAdmin = true });

        var sneaky = await client.SendJsonAsync(HttpMethod.Post, Route, body);

        // The request has no such field: refused as unknown, or ignored, never honoured.
        if ((int)sneaky.StatusCode != 201) await sneaky.AssertProblemAsync(400);
        else Assert.False((await sneaky.JsonAsync()).GetProperty("isSuperAdmin").GetBoolean());
        var created = await client.CreateUserAsync(name: "Plain");
        var refused = await (await client.PostAsync($"{Route}/{created.Id()}/super-admin", new { grant = true })).AssertProblemAsync(403);
        Assert.Equal("permission_denied", refused.GetProperty("code").GetString());
    }
}
