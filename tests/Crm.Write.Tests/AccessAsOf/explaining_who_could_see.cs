using Crm.Events;
using Crm.Projections.Access;
using Crm.Projections.Org;
using Crm.Write.Access;
using Crm.Write.Audit;
using Crm.Write.Contacts;
using Crm.Write.Customers;

namespace Crm.Write.Tests.AccessAsOf;

/// <summary>
/// The explanation of who could see a record, on an org given as rows (no database): each grant names the rule the engine applied,
/// and only users the engine lets read the record are listed.
/// </summary>
public sealed class explaining_who_could_see
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-03-01T00:00:00Z");
    private static readonly Guid Sales = Guid.CreateVersion7(), East = Guid.CreateVersion7();
    private static readonly Guid Managers = Guid.CreateVersion7(), Reps = Guid.CreateVersion7(), Approvers = Guid.CreateVersion7(),
        Gone = Guid.CreateVersion7();
    private static readonly Guid Ada = Guid.CreateVersion7(), Bo = Guid.CreateVersion7(), Cy = Guid.CreateVersion7(), Di = Guid.CreateVersion7(),
        Ed = Guid.CreateVersion7();

    private static OrgThen Org(bool diDisabled = false) => new(new OrgAsOf(
        [
            User(Ada, "Ada", Sales, null, [Managers]),
            User(Bo, "Bo", East, Ada, [Reps]),
            User(Cy, "Cy", null, null, [Reps, Approvers]),
            User(Di, "Di", null, null, [Reps]) with { IsDisabled = diDisabled },
            User(Ed, "Ed", Sales, null, [Gone]),
        ],
        [new DepartmentRow(Sales, "Sales", null, 1, At, At), new DepartmentRow(East, "East", Sales, 1, At, At)],
        [
            Role(Managers, "Managers", "department_and_children", "customer.detail", "contact.detail"),
            Role(Reps, "Reps", "self", "customer.detail", "contact.detail"),
            Role(Approvers, "Approvers", "all", "contract.approve"),
            Role(Gone, "Gone", "all", "customer.detail") with { IsDeleted = true },
        ]));

    [Fact]
    public void a_scope_over_a_sub_department_says_where_the_owner_was_and_the_owner_owns()
    {
        var customer = new RecordOnFile(CustomerReach.Kind, Guid.CreateVersion7(), true, Bo, CustomerReach.Pool);

        var viewers = AccessExplainer.Viewers(Org(), customer, "customer.detail");

        Assert.Equal(new[] { Ada, Bo }.Order(), viewers.Select(v => v.UserId).Order());
        var ada = viewers.Single(v => v.UserId == Ada).Grants.Single();
        Assert.Equal(("department_and_children", "owner", Managers, East), (ada.Rule, ada.Via, ada.RoleId, ada.OwnerDepartmentId));
        Assert.Equal("Scope department_and_children of role Managers over owner Bo in department East, below Ada's department Sales; it grants "
            + "customer.detail.", ada.Explanation);
        Assert.Equal("owner", viewers.Single(v => v.UserId == Bo).Grants.Single().Rule);
    }

    [Fact]
    public void a_role_granting_another_permission_or_deleted_widens_nothing()
    {
        var customer = new RecordOnFile(CustomerReach.Kind, Guid.CreateVersion7(), true, Ada, CustomerReach.Pool);

        var viewers = AccessExplainer.Viewers(Org(), customer, "customer.detail");

        // Cy's Approvers role has scope all but grants only contract.approve; Ed's only role was deleted.
        Assert.Equal([Ada], viewers.Select(v => v.UserId));
    }

    [Fact]
    public void a_contact_is_reached_through_its_customers_owner_and_team_but_not_by_a_disabled_member()
    {
        var customer = new RecordOnFile(CustomerReach.Kind, Guid.CreateVersion7(), true, Bo, CustomerReach.Pool)
        {
            Team = new Dictionary<Guid, string> { [Cy] = TeamAccess.Read, [Di] = TeamAccess.ReadWrite },
        };
        var contact = ContactReach.OnFile(Guid.CreateVersion7(), Cy, customer);

        var viewers = AccessExplainer.Viewers(Org(diDisabled: true), contact, "contact.detail");

        Assert.Equal(new[] { Ada, Bo, Cy }.Order(), viewers.Select(v => v.UserId).Order());
        var bo = viewers.Single(v => v.UserId == Bo).Grants.Single();
        Assert.Equal(("owner", "customer_owner"), (bo.Rule, bo.Via));
        Assert.Equal("Bo owned the contact's customer; role Reps grants contact.detail, and every scope includes one's own records.", bo.Explanation);
        var cy = viewers.Single(v => v.UserId == Cy).Grants;
        Assert.Equal([("owner", "owner"), ("team", "customer_team")], cy.Select(g => (g.Rule, g.Via)));
        Assert.Equal([("department_and_children", "customer_owner")], viewers.Single(v => v.UserId == Ada).Grants.Select(g => (g.Rule, g.Via)));
    }

    [Fact]
    public void a_pool_customer_is_seen_by_the_pools_permission_and_an_all_scope()
    {
        var org = new OrgThen(new OrgAsOf(
            [User(Ada, "Ada", null, null, [Managers]), User(Bo, "Bo", null, null, [Reps])],
            [],
            [Role(Managers, "Managers", "all", "customer.detail"), Role(Reps, "Reps", "self", "customer.detail", "pool.list")]));
        var pooled = new RecordOnFile(CustomerReach.Kind, Guid.CreateVersion7(), true, null, CustomerReach.Pool);

        var viewers = AccessExplainer.Viewers(org, pooled, "customer.detail");

        var ada = viewers.Single(v => v.UserId == Ada).Grants.Single();
        Assert.Equal(("all", "pool"), (ada.Rule, ada.Via));
        Assert.Equal("pool.list", viewers.Single(v => v.UserId == Bo).Grants.Single().PoolPermission);
    }

    private static UserRow User(Guid id, string name, Guid? department, Guid? superior, Guid[] roles) =>
        new(id, "1" + id.ToString("N")[..10], name, "unspecified", null, department, null, superior, roles, false, false, 1, At, At);

    private static RoleRow Role(Guid id, string name, string scope, params string[] permissions) =>
        new(id, name, "", permissions, scope, false, 1, At, At);
}
