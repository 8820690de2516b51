using Crm.Host.Tests.Org;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

/// <summary>User management is granted by roles through the permission engine; super administration is not.</summary>
public sealed class managing_users_by_role(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_role_with_user_create_lets_its_holder_create_users_but_nothing_more()
    {
        var role = await host.Admin.CreateRoleAsync($"HR {Guid.NewGuid():N}", "all", "user.create");
        var clerk = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var client = await host.SignedInAsync(clerk.Mobile(), Password);

        var created = await client.CreateUserAsync(name: "Wang Wei");

        var refused = await client.ProblemAsync("POST", $"{Route}/{created.Id()}/disable", new { }, 403);
        Assert.Equal("user.disable", refused.GetProperty("permission").GetString());
        var withRoles = await client.ProblemAsync("POST", Route, new { mobile = NewMobile(), password = Password, displayName = "Zhao Lei", roleIds = new[] { role.GetProperty("id").GetGuid() } }, 403);
        Assert.Equal("user.grant", withRoles.GetProperty("permission").GetString());
    }

    [Fact]
    public async Task even_a_role_with_every_user_permission_cannot_confer_super_administration()
    {
        var role = await host.Admin.CreateRoleAsync($"User admin {Guid.NewGuid():N}", "all",
            "user.create", "user.list", "user.detail", "user.edit", "user.grant", "user.disable", "user.reset-password", "user.hand-over");
        var admin = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var client = await host.SignedInAsync(admin.Mobile(), Password);
        var before = await host.EventCountAsync();

        var refused = await client.ProblemAsync("POST", $"{Route}/{admin.Id()}/super-admin", new { grant = true }, 403);

        Assert.Equal("permission_denied", refused.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
        // Nor resets their own password (a stolen token must not become a lasting sign-in): that is the change-password endpoint's.
        var own = await client.ProblemAsync("POST", $"{Route}/{admin.Id()}/reset-password", new { password = "another fine password" }, 403);
        Assert.Equal("own_password_via_change", own.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_user_write_answers_the_whole_user_so_it_needs_user_detail_too()
    {
        var role = await host.Admin.CreateRoleAsync(
            $"Blind admin {Guid.NewGuid():N}", "all", "user.edit", "user.disable", "user.grant", "user.reset-password");
        var admin = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        var client = await host.SignedInAsync(admin.Mobile(), Password);
        var target = await host.Admin.CreateUserAsync(name: "Target", extra: new { email = "target@example.com" });
        var before = await host.EventCountAsync();

        foreach (var (method, path, body) in new (string, string, object)[]
        {
            ("PATCH", $"{Route}/{target.Id()}", """{ "displayName": "Renamed" }"""),
            ("POST", $"{Route}/{target.Id()}/disable", new { }),
            ("POST", $"{Route}/{target.Id()}/enable", new { }),
            ("POST", $"{Route}/{target.Id()}/roles", new { roleIds = Array.Empty<Guid>() }),
            ("POST", $"{Route}/{target.Id()}/reset-password", new { password = "a long new password" }),
        })
        {
            var refused = await client.ProblemAsync(method, path, body, 403);
            Assert.Equal("user.detail", refused.GetProperty("permission").GetString());
            Assert.DoesNotContain(target.Mobile(), refused.GetRawText());
        }

        Assert.Equal(before, await host.EventCountAsync());
    }
}
