using Crm.Host.Platform;

namespace Crm.Host.Integrations;

/// <summary>What the OpenAPI document says about the API token operations (SET-5), beside the route table.</summary>
internal static class ApiTokenApiDocs
{
    private const string Token = """
        {"id":"0193a5c2-7f3e-7b21-9a4e-2c1d5e6f7a8b","name":"ERP sync","permissions":["customer.list","customer.detail"],
        "dataScope":"department","expiresAt":"2027-06-01T00:00:00Z","revokedAt":null,"lastUsedAt":"2026-12-03T10:00:00Z",
        "createdBy":"0193a5c2-2222-7b21-9a4e-2c1d5e6f7a8b","createdAt":"2026-12-03T09:00:00Z"}
        """;

    public static readonly ApiDoc List = new("The API tokens",
        "Every token, revoked and expired ones too, newest first, never their secrets. Keyset pages: pass nextCursor back as cursor.")
    { Response = "{\"items\":[" + Token + "],\"nextCursor\":null}", Problems = [401, 403, 400] };

    public static readonly ApiDoc Create = new("Make an API token",
        "A token for another system: send it as `Authorization: Bearer crm_…`. It acts as you, narrowed to its permissions (each one you "
        + "hold) and its data scope (no wider than yours: 403 beyond_your_rights), until it expires or is revoked, and only on routes "
        + "that require a permission. The token is in this answer only; only its hash is kept. Its requests are rate-limited per token "
        + "(RateLimit and RateLimit-Policy headers; 429 rate_limited). Made by a person, never by another token (403 api_token_route_refused).")
    {
        Request = """{"name":"ERP sync","permissions":["customer.list","customer.detail"],"dataScope":"department","expiresAt":"2027-06-01T00:00:00Z"}""",
        Response = Token.TrimEnd()[..^1] + ",\"token\":\"crm_0193a5c27f3e7b219a4e2c1d5e6f7a8b_Vb4…\"}", Status = 201, Problems = [401, 403, 400],
    };

    public static readonly ApiDoc Get = new("An API token", "Never its secret.") { Response = Token, Problems = [401, 403, 404] };

    public static readonly ApiDoc Revoke = new("Revoke an API token", "Refused from the next request on. Revoking a revoked token does nothing.")
    { Problems = [401, 403, 404] };
}
