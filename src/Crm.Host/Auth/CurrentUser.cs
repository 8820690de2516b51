using System.Globalization;
using System.Security.Claims;

namespace Crm.Host.Auth;

/// <summary>The signed-in user as the token names them.</summary>
public static class CurrentUser
{
    public const string StampClaim = "crm:stamp";

    /// <summary>The token family (one per sign-in) and the generation of the pair within it: see <see cref="TokenFamilies"/>.</summary>
    public const string FamilyClaim = "crm:family";

    public const string GenerationClaim = "crm:generation";

    /// <summary>The signed-in user's id; null for anonymous requests.</summary>
    public static Guid? IdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? StampOf(ClaimsPrincipal user) => user.FindFirstValue(StampClaim);

    /// <summary>The token's family and generation; null for a token without them (issued before rotation existed), which no longer counts.</summary>
    public static (Guid Family, int Generation)? FamilyOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(FamilyClaim), out var family)
        && int.TryParse(user.FindFirstValue(GenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? (family, generation)
            : null;
}
