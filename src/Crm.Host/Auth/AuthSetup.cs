using Crm.Host.Settings;
using Crm.Projections.Auth;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace Crm.Host.Auth;

/// <summary>Sign-in: ASP.NET Core's bearer-token handler, keys in PostgreSQL, sessions checked on every request.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddCrmAuth(this IServiceCollection services)
    {
        // Shared application name and key ring: tokens from one host are accepted by every other.
        services.AddDataProtection().SetApplicationName("crm");
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(new DataProtectionKeys(dataSource)));
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken(options => options.Events = new BearerTokenEvents { OnMessageReceived = RefuseEndedSessionsAsync });
        services.AddAuthorization();
        services.AddSingleton<CredentialQueries>();
        services.AddSingleton<UserSessions>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<TokenFamilies>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SettingsReader>();
        return services;
    }

    public static WebApplication UseCrmAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A token is genuine until it expires, but a user disabled (or whose password changed) since it
    /// was issued must lose access now: the token's security stamp has to match the user's current one,
    /// and its generation has to be its family's current one (not spent by a refresh, not revoked).
    /// </summary>
    private static async Task RefuseEndedSessionsAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var token = header["Bearer ".Length..].Trim();
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        // Not ours or damaged: the handler itself refuses it.
        if (ticket is null || CurrentUser.IdOf(ticket.Principal) is not { } userId) return;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (!await sessions.IsLiveAsync(userId, CurrentUser.StampOf(ticket.Principal), context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended: the user was disabled or their password changed.");
            return;
        }
        // A pair is spent by its refresh, and a whole sign-in revoked by a replayed refresh token.
        var families = context.HttpContext.RequestServices.GetRequiredService<TokenFamilies>();
        if (CurrentUser.FamilyOf(ticket.Principal) is not { } family
            || !await families.IsCurrentAsync(family.Family, family.Generation, context.HttpContext.RequestAborted))
        {
            context.Fail("The token is spent or its sign-in was revoked.");
            return;
        }
        context.Token = token;
    }
}
