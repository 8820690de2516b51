using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

public sealed class following_the_org_as_it_is_now
{
    private const string List = "customer.list";

    [Fact]
    public void a_department_moved_under_the_actors_tree_becomes_visible_and_one_moved_away_does_not()
    {
        var org = new OrgBuilder();
        var sales = org.Department();
        var east = org.Department(sales);
        var west = org.Department();
        var actor = org.User(sales, roleIds: [org.Role(DataScope.DepartmentAndChildren, List)]);
        var inEast = org.User(east);
        var inWest = org.User(west);
        var before = org.Snapshot(1);

        org.MoveDepartment(west, east);
        org.MoveDepartment(east, null);
        var after = org.Snapshot(2);

        Assert.True(before.VisibleOwners(actor, List).Includes(inEast));
        Assert.False(before.VisibleOwners(actor, List).Includes(inWest));
        Assert.False(after.VisibleOwners(actor, List).Includes(inEast));
        Assert.False(after.VisibleOwners(actor, List).Includes(inWest));
        org.MoveDepartment(west, sales);
        Assert.True(org.Snapshot(3).VisibleOwners(actor, List).Includes(inWest));
    }

    [Fact]
    public void a_changed_superior_moves_the_report_and_everyone_under_them()
    {
        var org = new OrgBuilder();
        var role = org.Role(DataScope.SelfAndSubordinates, List);
        var first = org.User(roleIds: [role]);
        var second = org.User(roleIds: [role]);
        var report = org.User(superior: first);
        var reportsReport = org.User(superior: report);

        org.Change(report, u => u with { SuperiorId = second });
        var snapshot = org.Snapshot(2);

        Assert.Equal([first], snapshot.VisibleOwners(first, List).Owners);
        Assert.Equal(new[] { second, report, reportsReport }.Order(), snapshot.VisibleOwners(second, List).Owners.Order());
    }

    [Fact]
    public void a_user_who_changed_department_is_seen_by_the_new_department_only()
    {
        var org = new OrgBuilder();
        var (a, b) = (org.Department(), org.Department());
        var role = org.Role(DataScope.Department, List);
        var headA = org.User(a, roleIds: [role]);
        var headB = org.User(b, roleIds: [role]);
        var mover = org.User(a);

        org.Change(mover, u => u with { DepartmentId = b });
        var snapshot = org.Snapshot(2);

        Assert.False(snapshot.VisibleOwners(headA, List).Includes(mover));
        Assert.True(snapshot.VisibleOwners(headB, List).Includes(mover));
    }

    [Fact]
    public void a_role_edit_changes_the_answer_of_every_holder()
    {
        var org = new OrgBuilder();
        var narrow = org.Role(DataScope.Self, List);
        var actor = org.User(roleIds: [narrow]);
        org.User();
        Assert.False(org.Snapshot(1).VisibleOwners(actor, List).IsAll);

        org.DeleteRole(narrow);
        var widened = org.Role(DataScope.All, List);
        org.Change(actor, u => u with { RoleIds = [widened] });

        Assert.True(org.Snapshot(2).VisibleOwners(actor, List).IsAll);
    }

    [Fact]
    public void a_cycle_that_slipped_into_the_data_cannot_make_resolution_loop()
    {
        // The write side refuses cycles (superiors, departments); the engine must still end if one got in.
        var org = new OrgBuilder();
        var d1 = org.Department();
        var d2 = org.Department(d1);
        org.MoveDepartment(d1, d2);
        var role = org.Role(DataScope.SelfAndSubordinates, List);
        var deptRole = org.Role(DataScope.DepartmentAndChildren, List);
        var a = org.User(d1, roleIds: [role, deptRole]);
        var b = org.User(d2, a);
        org.Change(a, u => u with { SuperiorId = b });
        var self = org.User(superior: null);
        org.Change(self, u => u with { SuperiorId = self });

        var snapshot = org.Snapshot();

        Assert.Equal(new[] { a, b }.Order(), snapshot.VisibleOwners(a, List).Owners.Order());
    }
}
