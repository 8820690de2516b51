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

/// <summary>/api/permissions: the catalogue UIs build role editors from.</summary>
public static class PermissionCatalogueEndpoints
{
    private static readonly PermissionCatalogueResponse Catalogue = new(
        PermissionCatalogue.Modules.Select(m => new PermissionModuleResponse(m.Module, m.Title, m.OwnerScoped,
            m.Permissions.Select(p => new PermissionResponse(p.Name, p.Action, p.Description)).ToList())).ToList(),
        DataScopes.Names);

    public static RouteHandlerBuilder MapPermissionsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/permissions", GetPermissions).WithName("GetPermissions").WithTags("Roles").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("The permission catalogue")
            .WithDescription("Every operation permission per module and action, stable names (docs/permissions.md), and the data scope names. Roles accept only these names. Any signed-in user may read it.")
            .WithExamples(response: """
                {"modules":[{"module":"customer","title":"Customers","ownerScoped":true,"permissions":[{"name":"customer.create","action":"create","description":"Create customers"}]}],
                 "dataScopes":["self","self_and_subordinates","department","department_and_children","all"]}
                """);

    /// <summary>The permission catalogue: modules, their permissions, and the data scopes.</summary>
    private static Ok<PermissionCatalogueResponse> GetPermissions() => TypedResults.Ok(Catalogue);
}
