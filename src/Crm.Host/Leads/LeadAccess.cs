using Crm.Host.Access;
using QueryScope = Crm.Projections.OwnerScope;

namespace Crm.Host.Leads;

/// <summary>How the lead endpoints apply the caller's data scope.</summary>
public static class LeadAccess
{
    /// <summary>The permission engine's answer as the read models' query scope.</summary>
    public static QueryScope ForQuery(this Write.Access.OwnerScope scope) => scope.IsAll ? QueryScope.Everyone : QueryScope.Only([.. scope.Owners]);

    /// <summary>
    /// Whether the caller may reach a lead with <paramref name="permission"/>: its owner inside the scope,
    /// or, for a lead in the pool (no owner), whoever may claim from the pool (or sees everyone).
    /// </summary>
    public static bool MayReachLead(this CallerAccess caller, Guid? ownerId, string permission) => ownerId is { } owner
        ? caller.VisibleOwners(permission).Includes(owner)
        : caller.VisibleOwners(permission).IsAll || caller.Can("lead.claim");
}
