using Crm.Projections.Org;

namespace Crm.Host.Access;

public static class AccessSetup
{
    /// <summary>The permission engine (snapshot loader, cache) and the role and position queries.</summary>
    public static IServiceCollection AddCrmAccess(this IServiceCollection services)
    {
        services.AddSingleton<OrgSnapshotLoader>();
        services.AddSingleton<AccessControl>();
        services.AddSingleton<RoleQueries>();
        services.AddSingleton<PositionQueries>();
        return services;
    }
}
