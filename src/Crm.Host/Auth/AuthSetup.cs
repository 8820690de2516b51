using Crm.Host.Settings;
using Crm.Projections.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace Crm.Host.Auth;

/// <summary>Sign-in: ASP.NET Core's bearer-token handler, keys in PostgreSQL, sessions checked on every request.</summary>
public static class AuthSetup
{
    /// <summary>The default authentication scheme: forwards to the bearer tokens or the API tokens.</summary>
    public const string SignInScheme = "Crm";

    public static IServiceCollection AddCrmAuth(this IServiceCollection services)
    {
        // Shared application name and key ring: tokens from one host are accepted by every other.
        services.AddDataProtection().SetApplicationName("crm");
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(new DataProtectionKeys(dataSource)));
        // One default scheme that hands each request to the people's bearer tokens or to the API tokens (SET-5) by the token's form.
        services.AddAuthentication(SignInScheme)
            .AddPolicyScheme(SignInScheme, "Bearer or API token", options => options.ForwardDefaultSelector = http =>
                ApiTokenAuthentication.Carries(http) ? ApiTokenClaims.Scheme : BearerTokenDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenClaims.Scheme, null)
            .AddBearerToken(options => options.Events = new BearerTokenEvents { OnMessageReceived = RefuseEndedSessionsAsync });
        services.AddSingleton<ApiTokenRateLimits>();
        services.AddOptions<RateLimiterOptions>().Configure<ApiTokenRateLimits>((options, limits) => limits.Configure(options));
        services.AddRateLimiter(_ => { });
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
        app.Use(RefuseTokensOffTheirRoutesAsync);
        app.UseRateLimiter();
        app.Use((http, next) =>
        {
            http.RequestServices.GetRequiredService<ApiTokenRateLimits>().WriteHeaders(http);
            return next(http);
        });
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// An API token reaches only routes that name the permission they need (every module's routes): the routes of one's own account
    /// (password, sessions, notification preferences), those guarded otherwise and those marked <see cref="PeopleOnly"/> (workflow
    /// rules, webhooks, tokens: they act later with their maker's rights) are for people signed in, never for a token.
    /// </summary>
    private static async Task RefuseTokensOffTheirRoutesAsync(HttpContext http, RequestDelegate next)
    {
        if (ApiTokenClaims.GrantOf(http.User) is not null && http.GetEndpoint() is { } endpoint
            && ((endpoint.Metadata.GetMetadata<Access.RequiredPermission>() is null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
                || endpoint.Metadata.GetMetadata<PeopleOnly>() is not null))
        {
            await TypedResults.Problem("API tokens reach only the routes that require a permission; this one is for people signed in.",
                statusCode: StatusCodes.Status403Forbidden, title: "The operation is not permitted.",
                extensions: new Dictionary<string, object?> { ["code"] = "api_token_route_refused" }).ExecuteAsync(http);
            return;
        }
        await next(http);
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
