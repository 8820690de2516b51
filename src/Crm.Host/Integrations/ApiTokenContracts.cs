using Crm.Projections.Integrations;

namespace Crm.Host.Integrations;

/// <summary>A new API token.</summary>
/// <param name="Permissions">Permissions of the catalogue, each one you hold (at the data scope asked for).</param>
/// <param name="DataScope">Whose records it reaches: self, self_and_subordinates, department, department_and_children or all — no wider than yours.</param>
/// <param name="ExpiresAt">When it stops working: in the future, at most 366 days ahead.</param>
public sealed record CreateApiTokenRequest(string? Name, IReadOnlyList<string?>? Permissions, string? DataScope, DateTimeOffset? ExpiresAt);

/// <summary>An API token (never its secret, except in <see cref="Token"/> once).</summary>
/// <param name="Token">The token to send as Authorization: Bearer …: only in the answer to its creation, never again.</param>
/// <param name="LastUsedAt">When a request last signed in with it (to the minute); null: never.</param>
public sealed record ApiTokenResponse(
    Guid Id, string Name, IReadOnlyList<string> Permissions, string DataScope, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, Guid CreatedBy, DateTimeOffset CreatedAt, string? Token = null)
{
    public static ApiTokenResponse From(ApiTokenView v, string? token = null) => new(v.Token.Id, v.Token.Name, v.Token.Permissions, v.Token.DataScope,
        v.Token.ExpiresAt, v.Token.RevokedAt, v.LastUsedAt, v.Token.CreatedBy, v.Token.CreatedAt, token);
}

/// <summary>A page of API tokens, newest first.</summary>
public sealed record ApiTokenListResponse(IReadOnlyList<ApiTokenResponse> Items, string? NextCursor);
