using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alba;
using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests;

/// <summary>
/// The real host, in memory under Alba, on a PostgreSQL database of its own (one per test class). The first
/// start creates the super administrator from known settings; <see cref="Admin"/> is signed in as them.
/// Tests drive it through scenarios: <c>await host.Admin.Scenario(s => { s.Get.Url("/api/users"); })</c>.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public const string AdminMobile = "13800000000";
    public const string AdminPassword = "test-admin-password";

    public TestDatabase Database { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;
    public IServiceProvider Services => Host.Services;

    /// <summary>The bootstrap super administrator.</summary>
    public ApiCaller Admin { get; private set; } = null!;

    /// <summary>A caller without a token.</summary>
    public ApiCaller SignedOut { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        Host = await AlbaHost.For<Program>(Configure);
        SignedOut = new ApiCaller(Host, null);
        Admin = await SignedInAsync(AdminMobile, AdminPassword);
        Anonymous = Host.Server.CreateClient();
        Client = ClientWithToken(Admin.AccessToken!);
        Factory = new LegacyFactory(this);
    }

    /// <summary>The host's settings: also applied to a second host of the same app (e.g. one on Kestrel).</summary>
    public void Configure(IWebHostBuilder web)
    {
        // Production: what clients see must not depend on developer-only pages.
        web.UseEnvironment("Production");
        web.UseSetting("CRM_DATABASE", Database.ConnectionString);
        web.UseSetting("CRM_ADMIN_MOBILE", AdminMobile);
        web.UseSetting("CRM_ADMIN_PASSWORD", AdminPassword);
        foreach (var (key, value) in Settings()) web.UseSetting(key, value);
        web.ConfigureTestServices(ConfigureServices);
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Extra host settings for a fixture (e.g. tighter sign-in limits).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    /// <summary>Signs in and answers the token response (asserting success).</summary>
    public async Task<JsonElement> SignInAsync(string mobile, string password)
    {
        var signIn = await SignedOut.Scenario(s =>
        {
            s.Post.Json(new { mobile, password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBeSuccess();
        });
        return signIn.Json();
    }

    /// <summary>A caller carrying a fresh token for this user.</summary>
    public async Task<ApiCaller> SignedInAsync(string mobile, string password) =>
        WithToken((await SignInAsync(mobile, password)).GetProperty("accessToken").GetString()!);

    public ApiCaller WithToken(string accessToken) => new(Host, accessToken);

    public async Task DisposeAsync()
    {
        // Null-safe: a start that failed must not hide its cause behind a failed clean-up.
        Client?.Dispose();
        Anonymous?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }

    // ---- The HttpClient style, kept compiling until every folder runs on scenarios (see docs/testing.md). ----

    /// <summary>Signed in as the bootstrap super administrator.</summary>
    // Obsolete — HttpClient style: use Admin.Scenario(...) (docs/testing.md).
    public HttpClient Client { get; private set; } = null!;

    /// <summary>No token.</summary>
    // Obsolete — HttpClient style: use SignedOut.Scenario(...) (docs/testing.md).
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>Services of the running host, and a second host built with the same settings.</summary>
    // Obsolete — Use Services, or new WebApplicationFactory<Program>().WithWebHostBuilder(host.Configure) (docs/testing.md).
    public LegacyFactory Factory { get; private set; } = null!;

    /// <summary>A new client carrying a token for this user.</summary>
    // Obsolete — HttpClient style: use SignedInAsync(...) and caller.Scenario(...) (docs/testing.md).
    public async Task<HttpClient> SignedInClientAsync(string mobile, string password) =>
        ClientWithToken((await SignInAsync(mobile, password)).GetProperty("accessToken").GetString()!);

    // Obsolete — HttpClient style: use WithToken(...) and caller.Scenario(...) (docs/testing.md).
    public HttpClient ClientWithToken(string accessToken)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>What tests used of the WebApplicationFactory the fixture had before Alba.</summary>
    public sealed class LegacyFactory(HostFixture fixture)
    {
        public IServiceProvider Services => fixture.Services;

        public WebApplicationFactory<Program> WithWebHostBuilder(Action<IWebHostBuilder> configure) =>
            new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                fixture.Configure(web);
                configure(web);
            });
    }
}

/// <summary>Small HTTP helpers of the HttpClient style, kept compiling until every folder runs on scenarios.</summary>
public static class Http
{
    // Obsolete — HttpClient style: use caller.Scenario(s => s.Post.RawJson(json).ToUrl(path)) (docs/testing.md).
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    // Obsolete — HttpClient style: use result.Json() (docs/testing.md).
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    // Obsolete — HttpClient style: use result.ETag() (docs/testing.md).
    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    // Obsolete — HttpClient style: use result.Header(name) (docs/testing.md).
    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <summary>Asserts an RFC 9457 problem with the status, a traceId, and (when given) the field named under errors.</summary>
    // Obsolete — HttpClient style: use s.ProblemShouldBe(status, field, code) in a scenario (docs/testing.md).
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? field = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        return problem;
    }
}
