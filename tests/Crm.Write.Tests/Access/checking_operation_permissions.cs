using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

public sealed class checking_operation_permissions
{
    [Fact]
    public void an_actor_may_do_what_any_of_their_roles_grants()
    {
        var org = new OrgBuilder();
        var actor = org.User(roleIds: [org.Role(DataScope.Self, "customer.create"), org.Role(DataScope.All, "pool.claim")]);

        var snapshot = org.Snapshot();

        Assert.True(snapshot.Can(actor, "customer.create"));
        Assert.True(snapshot.Can(actor, "pool.claim"));
        Assert.False(snapshot.Can(actor, "customer.delete"));
    }

    [Fact]
    public void super_administrators_may_do_everything_in_the_catalogue()
    {
        var org = new OrgBuilder();
        var admin = org.User(superAdmin: true);
        var snapshot = org.Snapshot();

        Assert.All(PermissionCatalogue.All, p => Assert.True(snapshot.Can(admin, p.Name)));
    }

    [Fact]
    public void disabled_users_may_do_nothing_even_as_super_administrators()
    {
        var org = new OrgBuilder();
        var disabled = org.User(roleIds: [org.Role(DataScope.All, "customer.create")], superAdmin: true, disabled: true);

        Assert.False(org.Snapshot().Can(disabled, "customer.create"));
    }

    [Fact]
    public void unknown_users_and_users_without_roles_may_do_nothing()
    {
        var org = new OrgBuilder();
        var plain = org.User();

        Assert.False(org.Snapshot().Can(plain, "customer.list"));
        Assert.False(org.Snapshot().Can(Guid.NewGuid(), "customer.list"));
    }

    [Fact]
    public void a_permission_name_outside_the_catalogue_is_a_programming_error()
    {
        var snapshot = new OrgBuilder().Snapshot();

        Assert.Throws<ArgumentException>(() => snapshot.Can(Guid.NewGuid(), "customer.fly"));
        Assert.Throws<ArgumentException>(() => snapshot.VisibleOwners(Guid.NewGuid(), "customer.fly"));
        Assert.Throws<ArgumentException>(() => snapshot.VisibleOwnersInModule(Guid.NewGuid(), "spaceship"));
    }
}
