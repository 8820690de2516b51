namespace Crm.Events.Integrations;

/// <summary>
/// An administrator made an API token for another system (SET-5): it acts as its creator, narrowed to <paramref name="Permissions"/>
/// (each held by the creator) and <paramref name="DataScope"/>, until <paramref name="ExpiresAt"/> or its revocation. Only the SHA-256
/// of its secret is kept (hex); the token itself was shown once.
/// </summary>
public sealed record ApiTokenCreated(
    Guid TokenId, string Name, [property: Secret] string SecretHash, IReadOnlyList<string> Permissions, string DataScope,
    DateTimeOffset ExpiresAt, Guid CreatedBy, DateTimeOffset At);

/// <summary>An API token was revoked: refused from the next request on.</summary>
public sealed record ApiTokenRevoked(Guid TokenId, DateTimeOffset At);
