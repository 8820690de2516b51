using Crm.EventStore.Projections;
using Crm.Projections.Access;
using Crm.Projections.Auth;
using Crm.Projections.Org;

namespace Crm.Projections;

/// <summary>Every projection with its lifecycle, registered explicitly (no scanning).</summary>
public static class CrmProjections
{
    /// <summary>Run inside the append transaction: what the UI must read right after its own write.</summary>
    public static IReadOnlyList<IProjection> Inline() => [new DepartmentsProjection(), new RolesProjection(), new PositionsProjection(), new UsersProjection(), new CredentialsProjection(), new AccessVersionProjection()];

    /// <summary>Run by the projection daemon (none yet: dashboards and reports will be).</summary>
    public static IReadOnlyList<IProjection> Async() => [];
}
