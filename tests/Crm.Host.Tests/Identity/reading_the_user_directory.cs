using Crm.Host.Tests.Org;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

/// <summary>The directory needs user.list / user.detail; the picker needs a permission whose use means choosing a user.</summary>
public sealed class reading_the_user_directory(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<ApiCaller> HolderOfAsync(params string[] permissions)
    {
        var role = await host.Admin.CreateRoleAsync($"Role {Guid.NewGuid():N}", "self", permissions);
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        return await host.SignedInAsync(user.Mobile(), Password);
    }

    [Fact]
    public async Task a_user_holding_only_department_list_reads_nothing_of_the_directory()
    {
        var client = await HolderOfAsync("department.list");
        var someone = await host.Admin.CreateUserAsync(name: "Someone");

        foreach (var path in new[] { Route, $"{Route}/{someone.Id()}", $"{Route}/{someone.Id()}/history", $"{Route}/picker" })
        {
            var problem = await client.ProblemAsync("GET", path, null, 403);
            Assert.Equal("permission_denied", problem.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task user_list_opens_the_list_and_user_detail_one_user_and_their_history()
    {
        var lister = await HolderOfAsync("user.list");
        var reader = await HolderOfAsync("user.detail");
        var someone = await host.Admin.CreateUserAsync(name: "Someone");

        await lister.SendAsync("GET", Route);
        await lister.ProblemAsync("GET", $"{Route}/{someone.Id()}", null, 403);
        await reader.ProblemAsync("GET", Route, null, 403);
        await reader.SendAsync("GET", $"{Route}/{someone.Id()}");
        await reader.SendAsync("GET", $"{Route}/{someone.Id()}/history");
    }

    [Fact]
    public async Task the_picker_shows_who_to_choose_and_nothing_to_reach_them_with()
    {
        var client = await HolderOfAsync("customer.transfer");
        var name = $"Picker {Guid.NewGuid():N}";
        var someone = await host.Admin.CreateUserAsync(name: name);

        var page = await client.GetJsonAsync($"{Route}/picker?q={name}");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(someone.Id(), item.Id());
        Assert.Equal(name, item.GetProperty("displayName").GetString());
        Assert.True(item.GetProperty("isEnabled").GetBoolean());
        Assert.Equal(["id", "displayName", "departmentId", "isEnabled"], item.EnumerateObject().Select(p => p.Name));
        // A search by mobile number would confirm whose number it is: the picker matches names only.
        var byMobile = await client.GetJsonAsync($"{Route}/picker?q={someone.Mobile()}");
        Assert.Empty(byMobile.GetProperty("items").EnumerateArray());
        await client.ProblemAsync("GET", $"{Route}/picker?status=gone", null, 400, "status");
    }

    [Fact]
    public async Task the_picker_and_the_directory_document_what_they_require()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        string? Description(string path) => paths.GetProperty(path).GetProperty("get").GetProperty("description").GetString();
        Assert.EndsWith("Requires the permission `user.list`.", Description("/api/users"), StringComparison.Ordinal);
        Assert.EndsWith("Requires the permission `user.detail`.", Description("/api/users/{id}"), StringComparison.Ordinal);
        Assert.EndsWith("Requires the permission `user.detail`.", Description("/api/users/{id}/history"), StringComparison.Ordinal);
        var picker = paths.GetProperty("/api/users/picker").GetProperty("get");
        Assert.Contains("`customer.transfer`", picker.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(picker.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(picker.TryGetProperty("security", out _));
    }
}
