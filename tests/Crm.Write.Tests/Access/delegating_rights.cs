using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

/// <summary>Nobody hands out rights beyond their own: a permission is held at a scope when a role grants it there or wider.</summary>
public sealed class delegating_rights
{
    private static OrgRole Role(DataScope scope, params string[] permissions) => new(Guid.NewGuid(), permissions.ToHashSet(), scope);

    [Fact]
    public void a_permission_held_at_the_same_or_a_wider_scope_is_within_the_holders_rights()
    {
        var holder = new[] { Role(DataScope.Department, "customer.list", "customer.transfer") };

        Assert.Empty(Delegation.Beyond(holder, ["customer.list"], DataScope.Department));
        Assert.Empty(Delegation.Beyond(holder, ["customer.list", "customer.transfer"], DataScope.Self));
    }

    [Fact]
    public void a_wider_scope_or_a_permission_not_held_is_beyond_them()
    {
        var holder = new[] { Role(DataScope.Department, "customer.list"), Role(DataScope.All, "lead.list") };

        Assert.Equal(["customer.list"], Delegation.Beyond(holder, ["customer.list", "lead.list"], DataScope.All));
        Assert.Equal(["customer.delete"], Delegation.Beyond(holder, ["customer.list", "customer.delete"], DataScope.Self));
    }

    [Fact]
    public void the_scope_does_not_matter_for_a_module_without_record_owners()
    {
        var holder = new[] { Role(DataScope.Self, "user.grant", "role.edit") };

        Assert.Empty(Delegation.Beyond(holder, ["user.grant", "role.edit"], DataScope.All));
        Assert.Equal(["user.edit"], Delegation.Beyond(holder, ["user.grant", "user.edit"], DataScope.All));
    }

    [Fact]
    public void no_role_means_no_rights_and_unknown_names_are_left_to_validation()
    {
        Assert.Equal(["pool.claim"], Delegation.Beyond([], ["pool.claim", "no.such", null, "pool.claim"], DataScope.Self));
    }
}
