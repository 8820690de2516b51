using System.Text.Json;
using Alba;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Access;

/// <summary>
/// The permission matrix's org (permission_matrix, and access as of a moment): Sales with a sub-department East, and Support; a
/// manager with a chain of subordinates, peers, someone in East and someone in Support — each owning one customer. The actor "Ada"
/// holds one role of the scope under test.
/// </summary>
internal sealed class SmallOrg
{
    public required string Tag { get; init; }
    public required Guid RoleId { get; init; }
    public required Guid EastDepartment { get; init; }
    public required Guid SupportDepartment { get; init; }
    public required Dictionary<string, Guid> UserOf { get; init; }
    public required Dictionary<string, Guid> CustomerOf { get; init; }
    public required ApiCaller Ada { get; init; }
    public required HostFixture Host { get; init; }

    public async Task GiveRolesAsync(Guid user, params Guid[] roles) =>
        await Host.Admin.SendAsync("POST", $"/api/users/{user}/roles", new { roleIds = roles });

    public static async Task<SmallOrg> BuildAsync(HostFixture host, string scope, params string[] permissions)
    {
        var admin = host.Admin;
        var tag = "m" + Guid.NewGuid().ToString("N")[..10];
        var sales = (await admin.CreateDepartmentAsync($"Sales {tag}")).GetProperty("id").GetGuid();
        var east = (await admin.CreateDepartmentAsync($"East {tag}", sales)).GetProperty("id").GetGuid();
        var support = (await admin.CreateDepartmentAsync($"Support {tag}")).GetProperty("id").GetGuid();
        var role = (await admin.CreateRoleAsync($"{scope} {tag}", scope, permissions)).GetProperty("id").GetGuid();

        var users = new Dictionary<string, Guid>();
        async Task<Guid> User(string name, Guid department, Guid? superior, bool actor = false)
        {
            var user = await admin.CreateUserAsync(name: $"{name} {tag}", extra: new
            {
                departmentId = department, superiorId = superior, roleIds = actor ? new[] { role } : Array.Empty<Guid>(),
            });
            return users[name] = user.GetProperty("id").GetGuid();
        }
        var manager = await User("Manager", sales, null);
        var ada = await User("Ada", sales, manager, actor: true);
        await User("Bo", east, ada);
        await User("Peer", sales, null);
        await User("East", east, null);
        await User("Support", support, null);

        var customers = new Dictionary<string, Guid>();
        foreach (var (name, owner) in users)
        {
            var created = await admin.SendAsync("POST", "/api/customers", new { name = $"{tag} customer of {name}", ownerId = owner, createAnyway = true }, 201);
            customers[name] = created.Json().GetProperty("id").GetGuid();
        }

        var adaMobile = (await admin.GetJsonAsync($"/api/users/{ada}")).Mobile();
        return new SmallOrg
        {
            Tag = tag, RoleId = role, EastDepartment = east, SupportDepartment = support, UserOf = users, CustomerOf = customers,
            Ada = await host.SignedInAsync(adaMobile, Password), Host = host,
        };
    }
}
