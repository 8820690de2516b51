using Crm.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Access;

/// <summary>
/// The one check in front of user management and settings changes: super administrators only, until
/// the permission engine arrives. Swap the body of <see cref="RequireAdministratorAsync"/> for the
/// engine's check (e.g. "users.edit", "settings.edit") and every caller follows.
/// </summary>
public static class IdentityGuard
{
    /// <summary>Null when the caller may go on; otherwise the 403 to answer.</summary>
    /// <param name="operation">The operation asked for, as the permission engine will name it (e.g. "users.edit").</param>
    public static async Task<ProblemHttpResult?> RequireAdministratorAsync(HttpContext http, string operation, CancellationToken ct)
    {
        var sessions = http.RequestServices.GetRequiredService<UserSessions>();
        if (CurrentUser.IdOf(http.User) is { } id && await sessions.GetAsync(id, ct) is { IsSuperAdmin: true, IsDisabled: false }) return null;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "You may not do this.",
            Detail = $"Only a super administrator may do this ({operation}).",
        };
        problem.Extensions["code"] = "forbidden";
        return TypedResults.Problem(problem);
    }
}
