using System.Security.Claims;
using Crm.Write;
using Crm.Write.Access;

namespace Crm.Host.Access;

/// <summary>
/// The signed-in caller of one HTTP request, as the write and read sides know it (<see cref="Caller"/>),
/// bound as a handler parameter. Records whose owner is outside <see cref="Caller.VisibleOwners"/>
/// answer 404, not 403, so hidden ids are not confirmed.
/// </summary>
public sealed class CallerAccess(Guid actorId, OrgSnapshot snapshot, TokenGrant? grant = null) : Caller(actorId, snapshot, grant)
{
    private const string ItemKey = "Crm.CallerAccess";

    /// <summary>The signed-in user's id from the NameIdentifier claim; null when nobody (or no valid id) is signed in.</summary>
    public static Guid? ActorOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The caller's access, computed once per request; null when nobody is signed in.</summary>
    public static async ValueTask<CallerAccess?> ForAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached)) return (CallerAccess?)cached;
        CallerAccess? access = null;
        if (ActorOf(http.User) is { } actor)
        {
            var snapshot = await http.RequestServices.GetRequiredService<AccessControl>().CurrentAsync(http.RequestAborted);
            access = new CallerAccess(actor, snapshot, Auth.ApiTokenClaims.GrantOf(http.User));
        }
        http.Items[ItemKey] = access;
        return access;
    }

    /// <summary>Minimal-API parameter binding: a handler that declares a CallerAccess parameter gets the caller's (401 when nobody is signed in).</summary>
    public static async ValueTask<CallerAccess?> BindAsync(HttpContext http) => await ForAsync(http);
}
