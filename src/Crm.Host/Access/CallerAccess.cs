using System.Security.Claims;
using Crm.Write.Access;

namespace Crm.Host.Access;

/// <summary>
/// What the signed-in caller may do and see, for one request: the caller's id and the org snapshot
/// read once at the start of the request (so one request never mixes two versions of the org).
/// Handlers take it as a parameter; records whose owner is outside <see cref="VisibleOwners"/>
/// answer 404, not 403, so hidden ids are not confirmed.
/// </summary>
public sealed class CallerAccess(Guid actorId, OrgSnapshot snapshot)
{
    private const string ItemKey = "Crm.CallerAccess";

    public Guid ActorId { get; } = actorId;

    public OrgSnapshot Snapshot { get; } = snapshot;

    public bool Can(string permission) => Snapshot.Can(ActorId, permission);

    public OwnerScope VisibleOwners(string permission) => Snapshot.VisibleOwners(ActorId, permission);

    public OwnerScope VisibleOwnersInModule(string module) => Snapshot.VisibleOwnersInModule(ActorId, module);

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
            access = new CallerAccess(actor, snapshot);
        }
        http.Items[ItemKey] = access;
        return access;
    }

    /// <summary>Minimal-API parameter binding: a handler that declares a CallerAccess parameter gets the caller's (401 when nobody is signed in).</summary>
    public static async ValueTask<CallerAccess?> BindAsync(HttpContext http) => await ForAsync(http);
}
