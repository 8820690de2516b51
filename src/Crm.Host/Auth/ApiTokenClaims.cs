using System.Security.Claims;
using Crm.Write.Access;

namespace Crm.Host.Auth;

/// <summary>What the API token sign-in puts in the principal: the token, its permissions and data scope (the user is its creator).</summary>
public static class ApiTokenClaims
{
    public const string Scheme = "ApiToken";
    public const string TokenClaim = "crm:api-token";
    public const string PermissionClaim = "crm:token-permission";
    public const string ScopeClaim = "crm:token-scope";

    /// <summary>The grant of a principal signed in with an API token; null for a person's sign-in.</summary>
    public static TokenGrant? GrantOf(ClaimsPrincipal user)
    {
        if (!Guid.TryParse(user.FindFirstValue(TokenClaim), out var tokenId)) return null;
        // A scope that does not parse narrows to the creator's own records, never wider.
        DataScopes.TryParse(user.FindFirstValue(ScopeClaim), out var scope);
        return new TokenGrant(tokenId, [.. user.FindAll(PermissionClaim).Select(c => c.Value)], scope);
    }
}
