using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.RoleSpecification;

namespace Crm.Write.Tests.Org;

public sealed class creating_a_role
{
    private static readonly Guid Id = Guid.CreateVersion7();

    private static Decision Create(string? name = "Sales rep", string? description = null, IReadOnlyList<string>? permissions = null,
        string? scope = "self", bool taken = false) =>
        Role.Decide(new CreateRole(Id, name, description, permissions ?? ["customer.list"], scope, taken), Given(), Context);

    [Fact]
    public void a_role_is_created_with_trimmed_name_sorted_distinct_permissions_and_its_scope()
    {
        var decision = Create(" Sales rep ", " Front line ", ["customer.list", "customer.create", "customer.list"], "department");
        ThenEvents(decision, new RoleCreated(Id, "Sales rep", "Front line", ["customer.create", "customer.list"], "department"));
    }

    [Fact]
    public void a_role_without_permissions_or_description_is_allowed()
    {
        ThenEvents(Create(permissions: []), new RoleCreated(Id, "Sales rep", "", [], "self"));
    }

    [Theory]
    [InlineData(null, "name_required")]
    [InlineData("  ", "name_required")]
    public void a_role_needs_a_name(string? name, string code) => ThenRefused(Create(name), ErrorKind.Validation, code, "name");

    [Fact]
    public void an_over_long_name_is_refused() => ThenRefused(Create(new string('x', 101)), ErrorKind.Validation, "name_too_long", "name");

    [Fact]
    public void an_over_long_description_is_refused() =>
        ThenRefused(Create(description: new string('x', 501)), ErrorKind.Validation, "description_too_long", "description");

    [Fact]
    public void a_name_another_role_has_is_refused() => ThenRefused(Create(taken: true), ErrorKind.Conflict, "role_name_taken", "name");

    [Theory]
    [InlineData("customer.fly")]
    [InlineData("Customer.Create")]
    [InlineData("")]
    public void an_unknown_permission_is_refused_naming_the_field(string permission) =>
        ThenRefused(Create(permissions: ["customer.list", permission]), ErrorKind.Validation, "permission_unknown", "permissions");

    [Fact]
    public void a_missing_data_scope_is_refused() => ThenRefused(Create(scope: null), ErrorKind.Validation, "data_scope_required", "dataScope");

    [Theory]
    [InlineData("everyone")]
    [InlineData("All")]
    [InlineData("")]
    public void an_unknown_data_scope_is_refused(string scope) => ThenRefused(Create(scope: scope), ErrorKind.Validation, "data_scope_unknown", "dataScope");

    [Fact]
    public void creating_a_role_twice_is_a_conflict()
    {
        var decision = Role.Decide(new CreateRole(Id, "Again", null, [], "self", false), Given(new RoleCreated(Id, "Sales rep", "", [], "self")), Context);
        ThenRefused(decision, ErrorKind.Conflict, "role_exists", "id");
    }
}
