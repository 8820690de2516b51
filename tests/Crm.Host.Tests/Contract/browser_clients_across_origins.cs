using Alba;

namespace Crm.Host.Tests.Contract;

/// <summary>A host that lets one browser UI origin in (Crm:Cors:Origins).</summary>
public sealed class CorsHostFixture : HostFixture
{
    public const string AllowedOrigin = "https://ui.crm.example";

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Crm:Cors:Origins", AllowedOrigin + ", http://localhost:5173")];
}

public sealed class browser_clients_across_origins(CorsHostFixture host) : IClassFixture<CorsHostFixture>
{
    private const string RefusedOrigin = "https://evil.example";

    [Fact]
    public async Task a_preflight_from_an_allowed_origin_allows_the_methods_and_headers_clients_send()
    {
        var response = await host.SignedOut.Scenario(s =>
        {
            Preflight(s, "/api/customers/0190f1c0-0000-7000-8000-000000000009", CorsHostFixture.AllowedOrigin, "PATCH",
                "authorization, content-type, if-match, idempotency-key, x-request-id, x-correlation-id");
            s.StatusCodeShouldBe(204);
        });

        Assert.Equal(CorsHostFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("patch", Listed(response, "Access-Control-Allow-Methods"));
        var headers = Listed(response, "Access-Control-Allow-Headers");
        foreach (var header in new[] { "authorization", "content-type", "if-match", "idempotency-key", "x-request-id", "x-correlation-id" })
        {
            Assert.Contains(header, headers);
        }
        Assert.Null(response.Header("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task a_preflight_from_a_refused_origin_gets_no_cors_headers()
    {
        var response = await host.SignedOut.Scenario(s =>
        {
            Preflight(s, "/api/customers", RefusedOrigin, "POST", "authorization, content-type");
            s.IgnoreStatusCode(); // the old test read no status: what matters is that no CORS header is sent
        });

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task an_actual_response_to_an_allowed_origin_exposes_etag_location_replay_request_id_and_retry_after()
    {
        var response = await host.Admin.Scenario(s =>
        {
            s.Post.RawJson($$"""{"name":"Cors {{Guid.NewGuid():N}}"}""").ToUrl("/api/customers");
            s.WithRequestHeader("Origin", CorsHostFixture.AllowedOrigin);
            s.StatusCodeShouldBe(201);
        });

        Assert.Equal(CorsHostFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
        var exposed = Listed(response, "Access-Control-Expose-Headers");
        foreach (var header in new[] { "etag", "location", "idempotent-replayed", "x-request-id", "retry-after" }) Assert.Contains(header, exposed);
        Assert.NotNull(response.ETag());
    }

    [Fact]
    public async Task a_problem_answered_to_an_allowed_origin_is_readable_by_the_browser()
    {
        var response = await host.SignedOut.Scenario(s =>
        {
            s.Get.Url("/api/customers");
            s.WithRequestHeader("Origin", CorsHostFixture.AllowedOrigin);
            s.ProblemShouldBe(401);
        });

        Assert.Equal(CorsHostFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task an_actual_response_to_a_refused_origin_carries_no_cors_headers()
    {
        var response = await host.Admin.Scenario(s =>
        {
            s.Get.Url("/api/auth/me");
            s.WithRequestHeader("Origin", RefusedOrigin);
        });

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Expose-Headers"));
    }

    /// <summary>A browser's CORS preflight: OPTIONS with the origin and what the real request will send.</summary>
    internal static void Preflight(Scenario s, string path, string origin, string method, string? headers = null)
    {
        s.SendExactly("OPTIONS", path);
        s.WithRequestHeader("Origin", origin);
        s.WithRequestHeader("Access-Control-Request-Method", method);
        if (headers is not null) s.WithRequestHeader("Access-Control-Request-Headers", headers);
    }

    private static HashSet<string> Listed(IScenarioResult response, string header) =>
        (response.Header(header) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.ToLowerInvariant()).ToHashSet();
}

/// <summary>Without Crm:Cors:Origins the host answers no CORS headers: browsers keep every other site out.</summary>
public sealed class browser_clients_without_configured_origins(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task no_origin_is_allowed_when_none_is_configured()
    {
        var response = await host.SignedOut.Scenario(s =>
        {
            browser_clients_across_origins.Preflight(s, "/api/customers", CorsHostFixture.AllowedOrigin, "POST");
            s.IgnoreStatusCode(); // the old test read no status: what matters is that no CORS header is sent
        });

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
    }
}
