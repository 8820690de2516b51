using Crm.Host.Platform;
using Crm.Write.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Access;

/// <summary>A module's permissions as a role editor shows them.</summary>
/// <param name="OwnerScoped">True when the module's records have owners, so a role's data scope limits them.</param>
public sealed record PermissionModuleResponse(string Module, string Title, bool OwnerScoped, IReadOnlyList<PermissionResponse> Permissions);

/// <summary>One operation permission.</summary>
/// <param name="Name">The name roles list, "module.action".</param>
public sealed record PermissionResponse(string Name, string Action, string Description);

/// <summary>The permission catalogue and the data scopes a role can have.</summary>
public sealed record PermissionCatalogueResponse(IReadOnlyList<PermissionModuleResponse> Modules, IReadOnlyList<string> DataScopes);

/// <summary>What the signed-in caller may do, for UIs deciding which actions to offer.</summary>
/// <param name="Permissions">Every catalogue permission the caller holds (all of them for a super administrator).</param>
/// <param name="DataScopes">Per owner-scoped module the caller has any permission in: "all", or "owners" (a set of users, the caller included).</param>
public sealed record CallerPermissionsResponse(Guid UserId, bool IsSuperAdmin, IReadOnlyList<string> Permissions, IReadOnlyDictionary<string,
    string> DataScopes);

/// <summary>/api/permissions: the catalogue UIs build role editors from, and the caller's own permissions.</summary>
public static class PermissionCatalogueEndpoints
{
    private static readonly PermissionCatalogueResponse Catalogue = new(
        PermissionCatalogue.Modules.Select(m => new PermissionModuleResponse(m.Module, m.Title, m.OwnerScoped,
            m.Permissions.Select(p => new PermissionResponse(p.Name, p.Action, p.Description)).ToList())).ToList(),
        DataScopes.Names);

    public static void MapPermissionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/permissions/mine", GetMyPermissions).WithName("GetMyPermissions").WithTags("Roles").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("What the signed-in user may do")
            .WithDescription("The caller's operation permissions (the union over their roles; every permission for a super administrator; none for a " +
                "disabled user) and, per owner-scoped module, whether they reach everyone's records or a set of owners. For showing or hiding actions; " +
                    "the server checks every request anyway.")
            .WithExamples(response: """
                {"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","isSuperAdmin":false,"permissions":["customer.create","customer.list"],
                "dataScopes":{"customer":"owners"}}
                """);
        MapCatalogue(app);
    }

    private static RouteHandlerBuilder MapCatalogue(IEndpointRouteBuilder app) =>
        app.MapGet("/api/permissions", GetPermissions).WithName("GetPermissions").WithTags("Roles").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("The permission catalogue")
            .WithDescription("Every operation permission per module and action, stable names (docs/permissions.md), and the data scope names. Roles " +
                "accept only these names. Any signed-in user may read it.")
            .WithExamples(response: """
                {"modules":[{"module":"customer","title":"Customers","ownerScoped":true,
                "permissions":[{"name":"customer.create","action":"create","description":"Create customers"}]}],
                 "dataScopes":["self","self_and_subordinates","department","department_and_children","all"]}
                """);

    /// <summary>What the signed-in user may do.</summary>
    private static Results<Ok<CallerPermissionsResponse>, ProblemHttpResult> GetMyPermissions(CallerAccess caller)
    {
        var permissions = PermissionCatalogue.All.Where(p => caller.Can(p.Name)).Select(p => p.Name).ToList();
        var scopes = PermissionCatalogue.Modules
            .Where(m => m.OwnerScoped && permissions.Any(p => p.StartsWith(m.Module + ".", StringComparison.Ordinal)))
            .ToDictionary(m => m.Module, m => caller.VisibleOwnersInModule(m.Module).IsAll ? "all" : "owners");
        var superAdmin = caller.IsSuperAdmin;
        return TypedResults.Ok(new CallerPermissionsResponse(caller.ActorId, superAdmin, permissions, scopes));
    }

    /// <summary>The permission catalogue: modules, their permissions, and the data scopes.</summary>
    private static Ok<PermissionCatalogueResponse> GetPermissions() => TypedResults.Ok(Catalogue);
}
