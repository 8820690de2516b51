using Crm.Events.Org;
using Crm.Write.Access;

namespace Crm.Host.Tests.Access;

public sealed class loading_the_org_snapshot(AccessFixture org) : IClassFixture<AccessFixture>
{
    private const string List = "customer.list";

    [Fact]
    public async Task nothing_changed_means_the_same_snapshot_is_reused()
    {
        await org.UserAsync();
        var first = await org.Access.CurrentAsync(default);
        var second = await org.Access.CurrentAsync(default);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task scopes_follow_departments_users_superiors_and_roles_as_they_are_now()
    {
        var root = await org.DepartmentAsync();
        var child = await org.DepartmentAsync(root);
        var elsewhere = await org.DepartmentAsync();
        var role = await org.RoleAsync(DataScope.DepartmentAndChildren, List);
        var head = await org.UserAsync(root, roles: role);
        var inChild = await org.UserAsync(child);
        var inElsewhere = await org.UserAsync(elsewhere);
        var report = await org.UserAsync(elsewhere, head);

        var before = await org.Access.CurrentAsync(default);
        Assert.True(before.VisibleOwners(head, List).Includes(inChild));
        Assert.False(before.VisibleOwners(head, List).Includes(inElsewhere));

        // The tree moves, a user changes department, the role widens to superiors' chains too.
        await org.AppendAsync(elsewhere, "department", new DepartmentMoved(elsewhere, child, null));
        await org.AppendAsync(inChild, "user", new UserDepartmentChanged(inChild, null, child));
        var after = await org.Access.CurrentAsync(default);

        Assert.NotSame(before, after);
        Assert.True(after.Version > before.Version);
        Assert.True(after.VisibleOwners(head, List).Includes(inElsewhere));
        Assert.False(after.VisibleOwners(head, List).Includes(inChild));

        await org.AppendAsync(elsewhere, "department", new DepartmentMoved(elsewhere, null, child));
        var widened = await org.RoleAsync(DataScope.SelfAndSubordinates, List);
        await org.AppendAsync(head, "user", new UserRolesChanged(head, [role, widened], [role]));
        var withReports = await org.Access.CurrentAsync(default);
        Assert.True(withReports.VisibleOwners(head, List).Includes(report));
        Assert.False(withReports.VisibleOwners(head, List).Includes(inElsewhere));

        await org.AppendAsync(report, "user", new UserSuperiorChanged(report, null, head));
        Assert.False((await org.Access.CurrentAsync(default)).VisibleOwners(head, List).Includes(report));
    }

    [Fact]
    public async Task a_deleted_role_or_a_super_admin_grant_changes_the_answer()
    {
        var role = await org.RoleAsync(DataScope.All, List);
        var user = await org.UserAsync(roles: role);
        Assert.True((await org.Access.CurrentAsync(default)).VisibleOwners(user, List).IsAll);

        await org.AppendAsync(role, "role", new RoleDeleted(role, "gone"));
        Assert.True((await org.Access.CurrentAsync(default)).VisibleOwners(user, List).IsNone);

        await org.AppendAsync(user, "user", new UserSuperAdminGranted(user));
        Assert.True((await org.Access.CurrentAsync(default)).Can(user, "settings.edit"));
    }

    [Fact]
    public async Task a_password_change_does_not_invalidate_the_snapshot()
    {
        var user = await org.UserAsync();
        var before = await org.Access.CurrentAsync(default);
        await org.AppendAsync(user, "user", new UserPasswordSet(user, "hash", "changed"));
        Assert.Same(before, await org.Access.CurrentAsync(default));
    }
}
