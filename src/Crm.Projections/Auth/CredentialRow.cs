namespace Crm.Projections.Auth;

/// <summary>A user's sign-in secret and security stamp; one row of auth.credentials. Never leaves the host.</summary>
public sealed record CredentialRow(Guid UserId, string PasswordHash, string SecurityStamp, DateTimeOffset UpdatedAt);
