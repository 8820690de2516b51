using Crm.Host.Access;
using Crm.Write.Org;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Org;

/// <summary>
/// The org module (ORG-1..5): departments, positions, roles, users and the permission catalogue; its services and its routes,
/// registered by Program in one pair of calls.
/// </summary>
public static class OrgModule
{
    public static IServiceCollection AddOrg(this IServiceCollection services)
    {
        services.TryAddSingleton<DepartmentHandler>();
        services.TryAddSingleton<PositionHandler>();
        services.TryAddSingleton<RoleHandler>();
        services.TryAddSingleton<UserHandler>();
        services.TryAddSingleton<CallerZones>();
        services.TryAddSingleton<IUserSessionCache, SessionCacheAdapter>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrg(this IEndpointRouteBuilder app)
    {
        app.MapDepartmentsApi();
        app.MapRolesApi();
        app.MapPermissionsApi();
        app.MapPositionsApi();
        app.MapUsersApi();
        return app;
    }
}
