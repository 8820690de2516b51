using System.Text.Json;
using Crm.Host.Tests.Identity;
using Alba;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Access;

/// <summary>
/// The permission matrix, through the HTTP API: one small org per case — Sales with a sub-department
/// East, and Support; a manager with a chain of subordinates, peers, someone in East and someone in
/// Support — each owning one customer. The actor "Ada" holds one role of the scope under test; the
/// test asserts exactly which customers she lists, reads and may edit (the rest answer 404), and
/// that the answer follows the org as it changes.
/// </summary>
public sealed class permission_matrix(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string[] Everyone = ["Manager", "Ada", "Bo", "Peer", "East", "Support"];

    [Theory]
    [InlineData("self", new[] { "Ada" })]
    [InlineData("self_and_subordinates", new[] { "Ada", "Bo" })]
    [InlineData("department", new[] { "Manager", "Ada", "Peer" })]
    [InlineData("department_and_children", new[] { "Manager", "Ada", "Peer", "Bo", "East" })]
    [InlineData("all", new[] { "Manager", "Ada", "Bo", "Peer", "East", "Support" })]
    public async Task each_data_scope_sees_and_acts_on_exactly_its_owners_records(string scope, string[] visible)
    {
        var org = await SmallOrg.BuildAsync(host, scope, "customer.list", "customer.detail", "customer.edit");

        await AssertSeesExactlyAsync(org, visible);
        foreach (var owner in Everyone)
        {
            var id = org.CustomerOf[owner];
            var read = await org.Ada.Scenario(s =>
            {
                s.Get.Url($"/api/customers/{id}");
                s.IgnoreStatusCode(); // which answer is right depends on the owner: checked below
            });
            var edit = await org.Ada.Scenario(s =>
            {
                s.Patch.RawJson("""{ "remark": "checked by Ada" }""").ToUrl($"/api/customers/{id}");
                s.IgnoreStatusCode();
            });
            if (visible.Contains(owner))
            {
                Assert.True(200 == read.Status(), $"{scope}: Ada should read {owner}'s customer");
                Assert.True(200 == edit.Status(), $"{scope}: Ada should edit {owner}'s customer: {edit.ReadAsText()}");
            }
            else
            {
                read.ShouldBeProblem(404);
                edit.ShouldBeProblem(404);
            }
        }
    }

    [Fact]
    public async Task a_role_without_the_action_is_refused_with_403_even_on_records_in_scope()
    {
        var org = await SmallOrg.BuildAsync(host, "all", "customer.list", "customer.detail");

        await org.Ada.ProblemAsync("PATCH", $"/api/customers/{org.CustomerOf["Ada"]}", """{ "remark": "no" }""", 403);

        await org.Ada.SendAsync("GET", $"/api/customers/{org.CustomerOf["Ada"]}");
    }

    [Fact]
    public async Task several_roles_add_up_to_the_union_of_their_scopes()
    {
        var org = await SmallOrg.BuildAsync(host, "self_and_subordinates", "customer.list", "customer.detail");
        var support = await host.Admin.CreateRoleAsync($"Support view {org.Tag}", "all", "customer.list");
        await org.GiveRolesAsync(org.UserOf["Ada"], org.RoleId, support.GetProperty("id").GetGuid());

        // The list follows the union: "all" from the second role. Detail still comes from the first only.
        await AssertSeesExactlyAsync(org, Everyone);
        await org.Ada.ProblemAsync("GET", $"/api/customers/{org.CustomerOf["Support"]}", null, 404);
    }

    [Fact]
    public async Task subordinates_follow_a_changed_superior()
    {
        var org = await SmallOrg.BuildAsync(host, "self_and_subordinates", "customer.list", "customer.detail");
        await AssertSeesExactlyAsync(org, ["Ada", "Bo"]);

        await host.Admin.SendAsync("PATCH", $"/api/users/{org.UserOf["Bo"]}", JsonSerializer.Serialize(new { superiorId = org.UserOf["Peer"] }));

        await AssertSeesExactlyAsync(org, ["Ada"]);
    }

    [Fact]
    public async Task sub_departments_follow_a_moved_department()
    {
        var org = await SmallOrg.BuildAsync(host, "department_and_children", "customer.list", "customer.detail");
        await AssertSeesExactlyAsync(org, ["Manager", "Ada", "Peer", "Bo", "East"]);

        await host.Admin.SendAsync("POST", $"/api/departments/{org.EastDepartment}/move", new { parentId = org.SupportDepartment });

        await AssertSeesExactlyAsync(org, ["Manager", "Ada", "Peer"]);
    }

    [Fact]
    public async Task a_disabled_actor_sees_nothing_and_no_token_is_a_401()
    {
        var org = await SmallOrg.BuildAsync(host, "all", "customer.list");
        await host.SignedOut.ProblemAsync("GET", $"/api/customers?q={org.Tag}", null, 401);

        await host.Admin.SendAsync("POST", $"/api/users/{org.UserOf["Ada"]}/disable", new { });

        await org.Ada.ProblemAsync("GET", $"/api/customers?q={org.Tag}", null, 401);
    }

    private static async Task AssertSeesExactlyAsync(SmallOrg org, IEnumerable<string> owners)
    {
        var seen = (await org.Ada.GetJsonAsync($"/api/customers?q={org.Tag}&limit=100")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
        var expected = owners.Select(o => org.CustomerOf[o]).ToHashSet();
        Assert.True(expected.SetEquals(seen),
            $"expected {string.Join(", ", owners)}; saw {string.Join(", ", org.CustomerOf.Where(c => seen.Contains(c.Value)).Select(c => c.Key))}");
    }
}
