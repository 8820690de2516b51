using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.RoleSpecification;

namespace Crm.Write.Tests.Org;

public sealed class changing_a_role
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly RoleCreated Created = new(Id, "Sales rep", "Front line", ["customer.create", "customer.list"], "self");

    private static Decision Change(string? name = null, string? description = null, IReadOnlyList<string>? permissions = null,
        string? scope = null, bool taken = false, params object[] history) =>
        Role.Decide(new ChangeRole(Id, name, description, permissions, scope, taken), Given(history.Length == 0 ? [Created] : history), Context);

    [Fact]
    public void each_changed_field_is_its_own_event_naming_old_and_new()
    {
        var decision = Change("Senior rep", "Leads deals", ["customer.list", "customer.transfer"], "self_and_subordinates");
        ThenEvents(decision,
            new RoleRenamed(Id, "Senior rep", "Sales rep"),
            new RoleDescriptionChanged(Id, "Leads deals", "Front line"),
            new RolePermissionsChanged(Id, ["customer.list", "customer.transfer"], ["customer.create", "customer.list"], ["customer.transfer"], ["customer.create"]),
            new RoleDataScopeChanged(Id, "self_and_subordinates", "self"));
    }

    [Fact]
    public void only_the_fields_sent_change()
    {
        ThenEvents(Change(scope: "all"), new RoleDataScopeChanged(Id, "all", "self"));
    }

    [Fact]
    public void sending_the_current_values_changes_nothing()
    {
        ThenEvents(Change("Sales rep", "Front line", ["customer.list", "customer.create"], "self"));
    }

    [Fact]
    public void an_unknown_permission_refuses_the_whole_change()
    {
        ThenRefused(Change("Renamed", permissions: ["customer.list", "customer.teleport"]), ErrorKind.Validation, "permission_unknown", "permissions");
    }

    [Fact]
    public void a_bad_scope_a_blank_name_or_a_taken_name_are_refused()
    {
        ThenRefused(Change(scope: "company"), ErrorKind.Validation, "data_scope_unknown", "dataScope");
        ThenRefused(Change(name: " "), ErrorKind.Validation, "name_required", "name");
        ThenRefused(Change(name: "Manager", taken: true), ErrorKind.Conflict, "role_name_taken", "name");
        ThenRefused(Change(description: new string('d', 501)), ErrorKind.Validation, "description_too_long", "description");
    }

    [Fact]
    public void a_missing_or_deleted_role_is_not_found()
    {
        ThenRefused(Role.Decide(new ChangeRole(Id, "X", null, null, null, false), Given(), Context), ErrorKind.NotFound, "role_not_found");
        ThenRefused(Change(name: "X", history: [Created, new RoleDeleted(Id, "Sales rep")]), ErrorKind.NotFound, "role_not_found");
    }
}
