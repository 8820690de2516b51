using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.RoleSpecification;

namespace Crm.Write.Tests.Org;

public sealed class deleting_a_role
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly RoleCreated Created = new(Id, "Sales rep", "", [], "self");

    [Fact]
    public void a_role_nobody_holds_is_deleted() =>
        ThenEvents(Role.Decide(new DeleteRole(Id, 0), Given(Created), Context), new RoleDeleted(Id, "Sales rep"));

    [Fact]
    public void a_role_users_still_hold_is_refused() =>
        ThenRefused(Role.Decide(new DeleteRole(Id, 2), Given(Created), Context), ErrorKind.Conflict, "role_in_use");

    [Fact]
    public void a_deleted_or_unknown_role_is_not_found()
    {
        ThenRefused(Role.Decide(new DeleteRole(Id, 0), Given(Created, new RoleDeleted(Id, "Sales rep")), Context), ErrorKind.NotFound, "role_not_found");
        ThenRefused(Role.Decide(new DeleteRole(Id, 0), Given(), Context), ErrorKind.NotFound, "role_not_found");
    }
}
