using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Crm.Host.Platform;

/// <summary>
/// Cross-origin access for browser UIs served from another origin, only for the origins listed in
/// <c>Crm:Cors:Origins</c> (an array, or one comma-separated value for an environment variable). None listed: no
/// CORS headers at all, so browsers keep other sites out. Tokens travel in Authorization, never cookies, so
/// credentials are not allowed.
/// </summary>
public static class CorsSetup
{
    public const string OriginsSetting = "Crm:Cors:Origins";

    /// <summary>What a client sends beyond the CORS-safelisted headers.</summary>
    public static readonly string[] RequestHeaders =
        ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", RequestIdMiddleware.RequestIdHeader, RequestIdMiddleware.CorrelationIdHeader];

    /// <summary>Response headers a browser script may read.</summary>
    public static readonly string[] ExposedHeaders =
        ["ETag", "Location", Idempotency.ReplayedHeader, RequestIdMiddleware.RequestIdHeader, "Retry-After"];

    public static IServiceCollection AddCrmCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        if (origins.Count == 0) return services;
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. origins])
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    public static WebApplication UseCrmCors(this WebApplication app)
    {
        if (app.Services.GetService<ICorsService>() is not null) app.UseCors();
        return app;
    }

    /// <summary>The configured origins; a value that is not a bare http(s) origin stops the start with its name.</summary>
    public static IReadOnlyList<string> Origins(IConfiguration configuration)
    {
        var section = configuration.GetSection(OriginsSetting);
        var values = section.Value is { } single ? single.Split([',', ';'], StringSplitOptions.TrimEntries) : section.GetChildren().Select(c => c.Value ?? "");
        var origins = new List<string>();
        foreach (var value in values.Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException($"{OriginsSetting}: '{value}' is not an origin (scheme://host[:port], no path; '*' is not accepted)");
            }
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }
        return origins;
    }
}
