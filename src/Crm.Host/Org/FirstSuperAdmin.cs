using System.Security.Cryptography;
using Crm.Host.Auth;
using Crm.Projections.Org;
using Crm.Write.Org;

namespace Crm.Host.Org;

/// <summary>
/// The first super administrator (ORG-5), created at first start: mobile from CRM_ADMIN_MOBILE (default
/// 13800000000), password from CRM_ADMIN_PASSWORD, or generated and printed once to the console.
/// Several hosts may start at once: the user handler re-checks "no users yet" under the directory lock, so it happens once.
/// </summary>
public static partial class FirstSuperAdmin
{
    public const string DefaultMobile = "13800000000";
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <returns>True when this host created the administrator.</returns>
    public static async Task<bool> EnsureAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        var mobile = configuration["CRM_ADMIN_MOBILE"] is { Length: > 0 } configured ? configured.Trim() : DefaultMobile;
        var password = configuration["CRM_ADMIN_PASSWORD"] is { Length: > 0 } given ? given : null;
        // Bad configuration stops the start with a clear message rather than creating an unusable account.
        if ((UserRules.Mobile(mobile, "CRM_ADMIN_MOBILE") ?? (password is null ? null : UserRules.Password(password, "CRM_ADMIN_PASSWORD"))) is { } bad)
            throw new InvalidOperationException($"{bad.Field}: {bad.Message}");

        // A cheap first look; the handler decides "no users yet" again under the directory lock.
        if (!await services.GetRequiredService<UserQueries>().NoneYetAsync(ct)) return false;

        var generated = password is null;
        password ??= RandomNumberGenerator.GetString(PasswordAlphabet, 16);
        var id = Guid.CreateVersion7();
        var hash = services.GetRequiredService<Passwords>().Hash(password);
        var outcome = await services.GetRequiredService<UserHandler>().AddFirstSuperAdminAsync(id, mobile, hash, ct);
        if (outcome.Error is { } error) throw new InvalidOperationException($"The first super administrator could not be created: {error.Message}");
        if (outcome.Events.Count == 0) return false;

        if (generated)
        {
            // Deliberately the console, not the log: shown once to whoever starts the system, not kept in log storage.
            Console.WriteLine($"First super administrator: mobile {mobile}, password {password} (shown once)");
        }
        Created(logger, mobile, id);
        return true;
    }

    public static async Task CreateFirstSuperAdminAsync(this WebApplication app) =>
        await EnsureAsync(app.Services, app.Configuration, app.Logger, app.Lifetime.ApplicationStopping);

    [LoggerMessage(Level = LogLevel.Information, Message = "First super administrator created: mobile {Mobile}, user {UserId}")]
    private static partial void Created(ILogger logger, string mobile, Guid userId);
}
