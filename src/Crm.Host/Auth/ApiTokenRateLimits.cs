using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Host.Auth;

/// <summary>
/// The request budget of each API token (SET-5): ASP.NET Core's rate limiter, one fixed window per token (Crm:ApiTokens:RequestsPerWindow
/// requests per Crm:ApiTokens:WindowSeconds; defaults 600 per 60 s); people's sign-ins are not limited here. Every answer to a token's
/// request says where it stands in the IETF draft's fields (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Policy: "api-token";q=600;w=60</c>
/// and <c>RateLimit: "api-token";r=remaining;t=seconds until the window resets</c>; over budget: 429 rate_limited with Retry-After.
/// </summary>
public sealed class ApiTokenRateLimits : IDisposable
{
    public const string PolicyName = "api-token";

    private readonly ConcurrentDictionary<string, long> windowStarts = new();
    private readonly TimeProvider clock;

    public ApiTokenRateLimits(IConfiguration configuration, TimeProvider clock)
    {
        this.clock = clock;
        PermitLimit = configuration.GetValue("Crm:ApiTokens:RequestsPerWindow", 600);
        Window = TimeSpan.FromSeconds(configuration.GetValue("Crm:ApiTokens:WindowSeconds", 60.0));
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => TokenOf(http) is { } token
            ? RateLimitPartition.GetFixedWindowLimiter(token, key =>
            {
                windowStarts[key] = clock.GetTimestamp();
                return new FixedWindowRateLimiterOptions { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0, AutoReplenishment = true };
            })
            : RateLimitPartition.GetNoLimiter(""));
    }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = Limiter;
        options.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
            Write(http, 0);
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem($"This API token has used its {PermitLimit} requests of the current {Window.TotalSeconds:0} s window.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                extensions: new Dictionary<string, object?> { ["code"] = "rate_limited" }).ExecuteAsync(http);
        };
    }

    /// <summary>The RateLimit fields of a token's request that was let through (after the limiter took its permit).</summary>
    public void WriteHeaders(HttpContext http)
    {
        if (TokenOf(http) is null) return;
        Write(http, Limiter.GetStatistics(http)?.CurrentAvailablePermits ?? 0);
    }

    private void Write(HttpContext http, long remaining)
    {
        var key = TokenOf(http)!;
        var elapsed = windowStarts.TryGetValue(key, out var start) ? clock.GetElapsedTime(start) : TimeSpan.Zero;
        var reset = Window.TotalSeconds - (elapsed.TotalSeconds % Window.TotalSeconds);
        http.Response.Headers["RateLimit-Policy"] = FormattableString.Invariant($"\"{PolicyName}\";q={PermitLimit};w={(long)Window.TotalSeconds}");
        http.Response.Headers["RateLimit"] = FormattableString.Invariant($"\"{PolicyName}\";r={remaining};t={(long)Math.Ceiling(reset)}");
    }

    private static string? TokenOf(HttpContext http) => http.User.FindFirst(ApiTokenClaims.TokenClaim)?.Value;

    public void Dispose() => Limiter.Dispose();
}
