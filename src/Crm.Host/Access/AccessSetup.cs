using Crm.Host.Org;
using Crm.Projections.Org;

namespace Crm.Host.Access;

public static class AccessSetup
{
    /// <summary>The permission engine (snapshot loader, cache) and the role and position commands.</summary>
    public static IServiceCollection AddCrmAccess(this IServiceCollection services)
    {
        services.AddSingleton<OrgSnapshotLoader>();
        services.AddSingleton<AccessControl>();
        services.AddSingleton<RoleQueries>();
        services.AddSingleton<RoleCommands>();
        services.AddSingleton<PositionQueries>();
        services.AddSingleton<PositionCommands>();
        return services;
    }
}
