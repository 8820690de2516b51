using System.Security.Claims;

namespace Crm.Host.Auth;

/// <summary>The signed-in user as the token names them.</summary>
public static class CurrentUser
{
    public const string StampClaim = "crm:stamp";

    /// <summary>The signed-in user's id; null for anonymous requests.</summary>
    public static Guid? IdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? StampOf(ClaimsPrincipal user) => user.FindFirstValue(StampClaim);
}
