using Crm.Host.Platform;
namespace Crm.Host.Auth;

/// <summary>Sign in with the mobile number and password.</summary>
public sealed record LoginRequest([property: MustSend] string? Mobile, [property: MustSend] string? Password);

/// <summary>A refresh token from an earlier sign-in.</summary>
public sealed record RefreshRequest([property: MustSend] string? RefreshToken);

/// <summary>Change your own password: prove the current one, choose a new one (8 to 128 characters).</summary>
public sealed record ChangePasswordRequest([property: MustSend] string? CurrentPassword, [property: MustSend] string? NewPassword);
