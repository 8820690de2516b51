namespace Crm.Write.Audit;

/// <summary>
/// Who could see one record at a moment, and why (issue 15, ORG-7): every user the permission engine let read it then, each with the
/// rules that granted it. Built from events alone: the org and the record folded as of <see cref="AsOf"/>.
/// </summary>
/// <param name="Kind">customer, lead, contact, opportunity or contract.</param>
/// <param name="Version">The record's stream version at that moment.</param>
/// <param name="Permission">The permission that reads the record (its detail): a viewer's roles must grant it.</param>
/// <param name="Owner">The owner then; null while the record was in a public pool.</param>
/// <param name="Customer">For a contact: its customer then, through whose owner and team the contact is reached too.</param>
public sealed record AccessAnswer(
    string Kind, Guid Id, DateTimeOffset AsOf, long Version, string Permission, PersonThen? Owner, IReadOnlyList<TeamMemberThen> Team,
    CustomerThen? Customer, IReadOnlyList<Viewer> Viewers);

/// <summary>A user as the org had them at the moment (name and department then); null name when the id was no user then.</summary>
public sealed record PersonThen(Guid Id, string? Name, Guid? DepartmentId, string? DepartmentName);

/// <summary>A team member then: read or read_write.</summary>
public sealed record TeamMemberThen(Guid UserId, string? Name, string Access);

/// <summary>A contact's customer then: its owner (null in the pool) and team.</summary>
public sealed record CustomerThen(Guid Id, bool Existed, PersonThen? Owner, IReadOnlyList<TeamMemberThen> Team);

/// <summary>A role a viewer held then, with its data scope then.</summary>
public sealed record RoleThen(Guid Id, string Name, string DataScope);

/// <summary>A user who could see the record, with every rule that let them.</summary>
public sealed record Viewer(
    Guid UserId, string Name, Guid? DepartmentId, string? DepartmentName, bool IsSuperAdmin, IReadOnlyList<RoleThen> Roles,
    IReadOnlyList<AccessGrant> Grants);

/// <summary>
/// One rule that let a viewer see the record. <see cref="Rule"/> is one of <see cref="AccessRules"/>; <see cref="Via"/> says what it
/// reached: the record's owner, the record's team, its customer's owner or team (contacts), or the pool.
/// </summary>
/// <param name="Chain">For <c>self_and_subordinates</c>: the direct-superior chain from the owner up to the viewer.</param>
/// <param name="PoolPermission">For <c>pool</c>: the permission that reaches pool records of the kind.</param>
public sealed record AccessGrant(
    string Rule, string Via, string Explanation, Guid? RoleId = null, string? RoleName = null, string? DataScope = null, Guid? OwnerId = null,
    Guid? OwnerDepartmentId = null, string? TeamAccess = null, IReadOnlyList<Guid>? Chain = null, string? PoolPermission = null);

/// <summary>The rules a grant can name, and what they reach.</summary>
public static class AccessRules
{
    public const string SuperAdministrator = "super_administrator";
    public const string Owner = "owner";
    public const string Subordinates = "self_and_subordinates";
    public const string Department = "department";
    public const string DepartmentAndChildren = "department_and_children";
    public const string All = "all";
    public const string Team = "team";
    public const string Pool = "pool";

    public static IReadOnlyList<string> Names { get; } = [SuperAdministrator, Owner, Subordinates, Department, DepartmentAndChildren, All, Team, Pool];

    public const string ViaRecord = "record";
    public const string ViaOwner = "owner";
    public const string ViaTeam = "team";
    public const string ViaCustomerOwner = "customer_owner";
    public const string ViaCustomerTeam = "customer_team";
    public const string ViaPool = "pool";

    public static IReadOnlyList<string> Vias { get; } = [ViaRecord, ViaOwner, ViaTeam, ViaCustomerOwner, ViaCustomerTeam, ViaPool];
}
