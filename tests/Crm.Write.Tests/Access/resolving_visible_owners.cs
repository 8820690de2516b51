using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

public sealed class resolving_visible_owners
{
    private const string List = "customer.list";

    [Fact]
    public void self_reaches_only_the_actors_own_records()
    {
        var org = new OrgBuilder();
        var dept = org.Department();
        var role = org.Role(DataScope.Self, List);
        var boss = org.User(dept, roleIds: [role]);
        var actor = org.User(dept, boss, [role]);
        var report = org.User(dept, actor);

        var scope = org.Snapshot().VisibleOwners(actor, List);

        Assert.False(scope.IsAll);
        Assert.Equal([actor], scope.Owners);
        Assert.False(scope.Includes(report));
        Assert.False(scope.Includes(boss));
    }

    [Fact]
    public void self_and_subordinates_follows_the_direct_superior_chain_to_any_depth()
    {
        var org = new OrgBuilder();
        var role = org.Role(DataScope.SelfAndSubordinates, List);
        var boss = org.User();
        var actor = org.User(superior: boss, roleIds: [role]);
        var chain = new List<Guid>();
        var above = actor;
        for (var i = 0; i < 3000; i++) chain.Add(above = org.User(superior: above));
        var sideReport = org.User(superior: actor);
        var peer = org.User(superior: boss);

        var scope = org.Snapshot().VisibleOwners(actor, List);

        Assert.Equal(chain.Count + 2, scope.Owners.Count);
        Assert.True(scope.Includes(actor) && scope.Includes(sideReport) && scope.Includes(chain[^1]));
        Assert.False(scope.Includes(boss) || scope.Includes(peer));
    }

    [Fact]
    public void department_reaches_the_users_of_the_actors_department_but_not_its_sub_departments()
    {
        var org = new OrgBuilder();
        var sales = org.Department();
        var east = org.Department(sales);
        var role = org.Role(DataScope.Department, List);
        var actor = org.User(sales, roleIds: [role]);
        var colleague = org.User(sales);
        var inEast = org.User(east);
        var elsewhere = org.User(org.Department());

        var scope = org.Snapshot().VisibleOwners(actor, List);

        Assert.Equal(new[] { actor, colleague }.Order(), scope.Owners.Order());
        Assert.False(scope.Includes(inEast) || scope.Includes(elsewhere));
    }

    [Fact]
    public void department_and_children_reaches_every_descendant_department()
    {
        var org = new OrgBuilder();
        var root = org.Department();
        var sales = org.Department(root);
        var east = org.Department(sales);
        var eastNorth = org.Department(east);
        var role = org.Role(DataScope.DepartmentAndChildren, List);
        var actor = org.User(sales, roleIds: [role]);
        var inEast = org.User(east);
        var deep = org.User(eastNorth);
        var inRoot = org.User(root);

        var scope = org.Snapshot().VisibleOwners(actor, List);

        Assert.Equal(new[] { actor, inEast, deep }.Order(), scope.Owners.Order());
        Assert.False(scope.Includes(inRoot));
    }

    [Fact]
    public void all_is_unrestricted_and_not_spelled_out_as_a_set()
    {
        var org = new OrgBuilder();
        var actor = org.User(roleIds: [org.Role(DataScope.All, List)]);
        var someone = org.User();

        var scope = org.Snapshot().VisibleOwners(actor, List);

        Assert.True(scope.IsAll);
        Assert.Empty(scope.Owners);
        Assert.Null(scope.ForSql());
        Assert.True(scope.Includes(someone) && scope.Includes(Guid.NewGuid()));
    }

    [Fact]
    public void the_scopes_of_several_roles_granting_the_permission_are_united()
    {
        var org = new OrgBuilder();
        var sales = org.Department();
        var other = org.Department();
        var actor = org.User(sales, roleIds: [org.Role(DataScope.Department, List), org.Role(DataScope.SelfAndSubordinates, List)]);
        var colleague = org.User(sales);
        var reportElsewhere = org.User(other, actor);
        var stranger = org.User(other);

        var scope = org.Snapshot().VisibleOwners(actor, List);

        Assert.Equal(new[] { actor, colleague, reportElsewhere }.Order(), scope.Owners.Order());
        Assert.False(scope.Includes(stranger));
    }

    [Fact]
    public void a_role_that_does_not_grant_the_permission_widens_nothing()
    {
        var org = new OrgBuilder();
        var actor = org.User(roleIds: [org.Role(DataScope.Self, List), org.Role(DataScope.All, "contract.approve")]);

        var snapshot = org.Snapshot();

        Assert.Equal([actor], snapshot.VisibleOwners(actor, List).Owners);
        Assert.True(snapshot.VisibleOwners(actor, "contract.approve").IsAll);
        Assert.True(snapshot.VisibleOwners(actor, "customer.delete").IsNone);
    }

    [Fact]
    public void a_module_scope_unites_the_roles_granting_any_of_its_permissions()
    {
        var org = new OrgBuilder();
        var sales = org.Department();
        var actor = org.User(sales, roleIds: [org.Role(DataScope.Self, List), org.Role(DataScope.Department, "customer.export"), org.Role(DataScope.All, "lead.list")]);
        var colleague = org.User(sales);

        var scope = org.Snapshot().VisibleOwnersInModule(actor, "customer");

        Assert.Equal(new[] { actor, colleague }.Order(), scope.Owners.Order());
    }

    [Fact]
    public void a_department_scope_without_a_department_reaches_only_the_actor()
    {
        var org = new OrgBuilder();
        var actor = org.User(roleIds: [org.Role(DataScope.DepartmentAndChildren, List)]);
        org.User();

        Assert.Equal([actor], org.Snapshot().VisibleOwners(actor, List).Owners);
    }

    [Fact]
    public void super_administrators_see_everyone_without_any_role()
    {
        var org = new OrgBuilder();
        var admin = org.User(superAdmin: true);

        Assert.True(org.Snapshot().VisibleOwners(admin, "ticket.dispatch").IsAll);
        Assert.True(org.Snapshot().VisibleOwnersInModule(admin, "customer").IsAll);
    }

    [Fact]
    public void disabled_users_and_unknown_users_see_nothing()
    {
        var org = new OrgBuilder();
        var disabled = org.User(roleIds: [org.Role(DataScope.All, List)], superAdmin: true, disabled: true);

        var snapshot = org.Snapshot();

        Assert.True(snapshot.VisibleOwners(disabled, List).IsNone);
        Assert.True(snapshot.VisibleOwners(Guid.NewGuid(), List).IsNone);
    }

    [Fact]
    public void a_deleted_role_grants_nothing_any_more()
    {
        var org = new OrgBuilder();
        var role = org.Role(DataScope.All, List);
        var actor = org.User(roleIds: [role]);
        org.DeleteRole(role);

        Assert.True(org.Snapshot().VisibleOwners(actor, List).IsNone);
    }

    [Fact]
    public void disabled_subordinates_stay_visible_so_their_records_can_be_handed_over()
    {
        var org = new OrgBuilder();
        var actor = org.User(roleIds: [org.Role(DataScope.SelfAndSubordinates, List)]);
        var gone = org.User(superior: actor, disabled: true);

        Assert.True(org.Snapshot().VisibleOwners(actor, List).Includes(gone));
    }

    [Fact]
    public void colleagues_with_a_department_scope_share_one_owner_set_and_answers_are_stable_across_permissions()
    {
        var org = new OrgBuilder();
        var sales = org.Department();
        var role = org.Role(DataScope.DepartmentAndChildren, List, "customer.detail");
        var first = org.User(sales, roleIds: [role]);
        var second = org.User(sales, roleIds: [role]);
        var snapshot = org.Snapshot();

        Assert.Same(snapshot.VisibleOwners(first, List), snapshot.VisibleOwners(second, "customer.detail"));
        Assert.Same(snapshot.VisibleOwners(first, List), snapshot.VisibleOwners(first, List));
    }
}
