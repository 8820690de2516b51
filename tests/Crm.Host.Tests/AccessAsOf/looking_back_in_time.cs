using Crm.Host.Tests.Access;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.AccessAsOf.AccessAsOfApi;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>
/// Who could see a record at a past moment: every change after it — a user's move, a role given or reshaped, a transfer, a disabling,
/// a team place taken away, a new superior — leaves the answer for that moment as it was, with the rule of then.
/// </summary>
public sealed class looking_back_in_time(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    [Fact]
    public async Task a_user_moved_to_another_department_saw_through_the_old_one_then_and_the_new_one_now()
    {
        var org = await SmallOrg.BuildAsync(host, "department", "customer.detail");
        var (ada, peers, supports) = (org.UserOf["Ada"], org.CustomerOf["Peer"], org.CustomerOf["Support"]);
        var salesDepartment = (await Admin.GetJsonAsync($"/api/users/{org.UserOf["Peer"]}")).GetProperty("departmentId").GetGuid();
        var then = await MomentAsync();

        await Admin.SendAsync("PATCH", $"/api/users/{ada}", new { departmentId = org.SupportDepartment });

        var peersThen = await Admin.AccessAsync("customer", peers, then);
        Assert.Equal(["department"], peersThen.RulesOf(ada));
        Assert.Equal(salesDepartment, peersThen.GrantsOf(ada).Single().GetProperty("ownerDepartmentId").GetGuid());
        Assert.DoesNotContain(ada, (await Admin.AccessAsync("customer", supports, then)).ViewerIds());
        Assert.DoesNotContain(ada, (await Admin.AccessAsync("customer", peers)).ViewerIds());
        var supportsNow = await Admin.AccessAsync("customer", supports);
        Assert.Equal(["department"], supportsNow.RulesOf(ada));
        Assert.Equal(org.SupportDepartment, supportsNow.GrantsOf(ada).Single().GetProperty("ownerDepartmentId").GetGuid());
    }

    [Fact]
    public async Task a_role_given_after_the_moment_does_not_count_then()
    {
        var org = await SmallOrg.BuildAsync(host, "self", "customer.detail");
        var everything = await Admin.CreateRoleAsync($"All {org.Tag}", "all", "customer.detail");
        var then = await MomentAsync();

        await org.GiveRolesAsync(org.UserOf["Ada"], org.RoleId, everything.IdOf());

        var supports = org.CustomerOf["Support"];
        Assert.DoesNotContain(org.UserOf["Ada"], (await Admin.AccessAsync("customer", supports, then)).ViewerIds());
        var now = await Admin.AccessAsync("customer", supports);
        var grant = now.GrantsOf(org.UserOf["Ada"]).Single();
        Assert.Equal(("all", everything.IdOf()), (grant.GetProperty("rule").GetString(), grant.GetProperty("roleId").GetGuid()));
    }

    [Fact]
    public async Task a_role_reshaped_after_the_moment_counts_as_it_was()
    {
        var org = await SmallOrg.BuildAsync(host, "self", "customer.detail");
        var then = await MomentAsync();

        await Admin.SendAsync("PATCH", $"/api/roles/{org.RoleId}", new { dataScope = "all" });

        var east = org.CustomerOf["East"];
        Assert.DoesNotContain(org.UserOf["Ada"], (await Admin.AccessAsync("customer", east, then)).ViewerIds());
        Assert.Equal(["all"], (await Admin.AccessAsync("customer", east)).RulesOf(org.UserOf["Ada"]));
        var own = await Admin.AccessAsync("customer", org.CustomerOf["Ada"], then);
        Assert.Equal(["owner"], own.RulesOf(org.UserOf["Ada"]));
        Assert.Equal("self", own.GrantsOf(org.UserOf["Ada"]).Single().GetProperty("dataScope").GetString());
    }

    [Fact]
    public async Task a_record_transferred_after_the_moment_was_seen_through_its_owner_then()
    {
        var org = await SmallOrg.BuildAsync(host, "self_and_subordinates", "customer.detail");
        var (ada, bo, bos) = (org.UserOf["Ada"], org.UserOf["Bo"], org.CustomerOf["Bo"]);
        var then = await MomentAsync();

        await Admin.SendAsync("POST", $"/api/customers/{bos}/transfer", new { toUserId = org.UserOf["Support"] });

        var answerThen = await Admin.AccessAsync("customer", bos, then);
        Assert.Equal(bo, answerThen.GetProperty("owner").GetProperty("id").GetGuid());
        var grant = answerThen.GrantsOf(ada).Single();
        Assert.Equal("self_and_subordinates", grant.GetProperty("rule").GetString());
        Assert.Equal([bo, ada], grant.GetProperty("chain").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Contains($"Ada {org.Tag}", grant.GetProperty("explanation").GetString());
        var now = await Admin.AccessAsync("customer", bos);
        Assert.Equal(org.UserOf["Support"], now.GetProperty("owner").GetProperty("id").GetGuid());
        Assert.DoesNotContain(ada, now.ViewerIds());
        Assert.True(now.GetProperty("version").GetInt64() > answerThen.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task a_user_disabled_after_the_moment_could_see_then_and_a_disabled_one_sees_nothing()
    {
        var org = await SmallOrg.BuildAsync(host, "all", "customer.detail");
        var then = await MomentAsync();

        await Admin.SendAsync("POST", $"/api/users/{org.UserOf["Ada"]}/disable", new { });

        var east = org.CustomerOf["East"];
        Assert.Equal(["all"], (await Admin.AccessAsync("customer", east, then)).RulesOf(org.UserOf["Ada"]));
        Assert.DoesNotContain(org.UserOf["Ada"], (await Admin.AccessAsync("customer", east)).ViewerIds());
        Assert.DoesNotContain(org.UserOf["Ada"], (await Admin.AccessAsync("customer", org.CustomerOf["Ada"])).ViewerIds());
    }

    [Fact]
    public async Task a_team_member_removed_after_the_moment_saw_it_through_the_team_then()
    {
        var org = await SmallOrg.BuildAsync(host, "self", "customer.detail");
        var (bo, peers) = (org.UserOf["Bo"], org.CustomerOf["Peer"]);
        await org.GiveRolesAsync(bo, org.RoleId);
        await Admin.SendAsync("POST", $"/api/customers/{peers}/team", new { userId = bo, access = "read" });
        var then = await MomentAsync();

        await Admin.SendAsync("DELETE", $"/api/customers/{peers}/team/{bo}");

        var answerThen = await Admin.AccessAsync("customer", peers, then);
        var grant = answerThen.GrantsOf(bo).Single();
        Assert.Equal(("team", "team", "read"), (grant.GetProperty("rule").GetString(), grant.GetProperty("via").GetString(),
            grant.GetProperty("teamAccess").GetString()));
        Assert.Equal(bo, answerThen.GetProperty("team").EnumerateArray().Single().GetProperty("userId").GetGuid());
        var now = await Admin.AccessAsync("customer", peers);
        Assert.DoesNotContain(bo, now.ViewerIds());
        Assert.Empty(now.GetProperty("team").EnumerateArray());
    }

    [Fact]
    public async Task a_new_superior_after_the_moment_leaves_the_old_chain_in_force_then()
    {
        var org = await SmallOrg.BuildAsync(host, "self_and_subordinates", "customer.detail");
        var then = await MomentAsync();

        await Admin.SendAsync("PATCH", $"/api/users/{org.UserOf["Bo"]}", new { superiorId = org.UserOf["Peer"] });

        var bos = org.CustomerOf["Bo"];
        Assert.Equal(["self_and_subordinates"], (await Admin.AccessAsync("customer", bos, then)).RulesOf(org.UserOf["Ada"]));
        Assert.DoesNotContain(org.UserOf["Ada"], (await Admin.AccessAsync("customer", bos)).ViewerIds());
    }

    [Fact]
    public async Task before_it_was_created_a_record_is_not_found()
    {
        var before = await MomentAsync();
        var org = await SmallOrg.BuildAsync(host, "all", "customer.detail");

        await Admin.Scenario(s =>
        {
            s.Get.Url(AccessPath("customer", org.CustomerOf["Ada"], before));
            s.ProblemShouldBe(404, code: "customer_not_found");
        });
        Assert.Contains(org.UserOf["Ada"], (await Admin.AccessAsync("customer", org.CustomerOf["Ada"])).ViewerIds());
    }
}
