using Crm.Host.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Access;

/// <summary>
/// The check in front of user management and settings changes, answered by the permission engine:
/// the caller's roles must grant the operation (super administrators may do everything). Granting or
/// revoking super administration itself is for super administrators only: no role can confer it.
/// </summary>
public static class IdentityGuard
{
    public const string SuperAdministration = "super-admin";

    /// <summary>Null when the caller may go on; otherwise the 403 to answer.</summary>
    /// <param name="operation">A permission of the catalogue (e.g. "user.create"), or <see cref="SuperAdministration"/>.</param>
    public static async Task<ProblemHttpResult?> RequireAdministratorAsync(HttpContext http, string operation, CancellationToken ct)
    {
        var caller = await CallerAccess.ForAsync(http);
        var allowed = caller is not null && (operation == SuperAdministration
            ? caller.IsSuperAdmin
            : caller.Can(operation));
        if (allowed) return null;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "You may not do this.",
            Detail = operation == SuperAdministration
                ? "Only a super administrator may grant or revoke super administration."
                : $"None of your roles grants '{operation}'.",
        };
        problem.Extensions["code"] = "permission_denied";
        problem.Extensions["permission"] = operation;
        return TypedResults.Problem(problem);
    }
}
