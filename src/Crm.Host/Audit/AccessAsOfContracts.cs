using Crm.Host.Platform;
using Crm.Write.Audit;
using Crm.Events;

namespace Crm.Host.Audit;

/// <summary>Who could see one record at a moment, and why.</summary>
/// <param name="Kind">The record's kind.</param>
/// <param name="AsOf">The moment answered: the one asked for, or now (a moment in the future is answered as now).</param>
/// <param name="Version">The record's stream version at that moment.</param>
/// <param name="Permission">The permission that reads one record of the kind (its detail); every viewer held it then.</param>
/// <param name="Owner">The owner then; null while the record was in a public pool.</param>
/// <param name="Team">The record's team then (empty for a contact: its customer's team reaches it, under customer).</param>
/// <param name="Customer">For a contact: its customer then, whose owner and team reach the contact too; null for other kinds.</param>
/// <param name="Viewers">Every user who could read the record then, by name, each with the rules that let them.</param>
public sealed record RecordAccessResponse(
    [property: WireValues("customer", "lead", "contact", "opportunity", "contract")] string Kind, Guid Id, DateTimeOffset AsOf, long Version,
    string Permission, PersonThenResponse? Owner, IReadOnlyList<TeamMemberThenResponse> Team, CustomerThenResponse? Customer,
    IReadOnlyList<ViewerResponse> Viewers)
{
    public static RecordAccessResponse From(AccessAnswer a) => new(a.Kind, a.Id, a.AsOf, a.Version, a.Permission, Person(a.Owner),
        [.. a.Team.Select(Member)], a.Customer is { } c ? new CustomerThenResponse(c.Id, c.Existed, Person(c.Owner), [.. c.Team.Select(Member)]) : null,
        [.. a.Viewers.OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.UserId).Select(ViewerResponse.From)]);

    private static PersonThenResponse? Person(PersonThen? p) => p is null ? null : new(p.Id, p.Name, p.DepartmentId, p.DepartmentName);

    private static TeamMemberThenResponse Member(TeamMemberThen m) => new(m.UserId, m.Name, m.Access);
}

/// <summary>A user as the org had them then.</summary>
/// <param name="Name">Their display name then; null when the id was no user then.</param>
public sealed record PersonThenResponse(Guid Id, string? Name, Guid? DepartmentId, string? DepartmentName);

/// <summary>A team member then.</summary>
public sealed record TeamMemberThenResponse(Guid UserId, string? Name, [property: WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string Access);

/// <summary>A contact's customer then.</summary>
/// <param name="Existed">false when the customer's stream had not started by then (its owner and team reach nothing).</param>
/// <param name="Owner">Its owner then; null while it was in the public pool.</param>
public sealed record CustomerThenResponse(Guid Id, bool Existed, PersonThenResponse? Owner, IReadOnlyList<TeamMemberThenResponse> Team);

/// <summary>A role a viewer held then.</summary>
public sealed record RoleThenResponse(Guid Id, string Name, string DataScope);

/// <summary>A user who could read the record then.</summary>
/// <param name="Roles">Every live role they held then (not only the ones that reached the record).</param>
/// <param name="Grants">Each rule that let them read it; at least one.</param>
public sealed record ViewerResponse(
    Guid UserId, string Name, Guid? DepartmentId, string? DepartmentName, bool IsSuperAdmin, IReadOnlyList<RoleThenResponse> Roles,
    IReadOnlyList<GrantResponse> Grants)
{
    public static ViewerResponse From(Viewer v) => new(v.UserId, v.Name, v.DepartmentId, v.DepartmentName, v.IsSuperAdmin,
        [.. v.Roles.Select(r => new RoleThenResponse(r.Id, r.Name, r.DataScope))],
        [.. v.Grants.Select(g => new GrantResponse(g.Rule, g.Via, g.Explanation, g.RoleId, g.RoleName, g.DataScope, g.OwnerId, g.OwnerDepartmentId,
            g.TeamAccess, g.Chain, g.PoolPermission))]);
}

/// <summary>One rule that let a viewer read the record (docs/access.md).</summary>
/// <param name="Rule">
/// super_administrator; owner (they owned it, and a role granting the permission); self_and_subordinates, department,
/// department_and_children or all (that data scope of a role granting the permission reached the owner); team (a team place);
/// pool (the record was in the public pool and they held the pool's permission).
/// </param>
/// <param name="Via">What the rule reached: the record itself, its owner, its team, a contact's customer's owner or team, or the pool.</param>
/// <param name="Explanation">The rule in words, with the names of then.</param>
/// <param name="RoleId">The role whose permission and scope it is (owner and the scope rules).</param>
/// <param name="OwnerId">The owner the scope reached (the record's, or a contact's customer's).</param>
/// <param name="OwnerDepartmentId">That owner's department then.</param>
/// <param name="TeamAccess">For team: read or read_write.</param>
/// <param name="Chain">For self_and_subordinates: the direct-superior chain from the owner up to the viewer.</param>
/// <param name="PoolPermission">For pool: the permission that reaches the kind's pool records.</param>
public sealed record GrantResponse(
    [property: WireValues(typeof(AccessRules), nameof(AccessRules.Names))] string Rule,
    [property: WireValues(typeof(AccessRules), nameof(AccessRules.Vias))] string Via,
    string Explanation, Guid? RoleId, string? RoleName, string? DataScope, Guid? OwnerId, Guid? OwnerDepartmentId,
    [property: WireValues(Crm.Events.TeamAccess.Read, Crm.Events.TeamAccess.ReadWrite)] string? TeamAccess, IReadOnlyList<Guid>? Chain, string? PoolPermission);
