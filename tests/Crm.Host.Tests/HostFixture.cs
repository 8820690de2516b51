using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests;

/// <summary>
/// The real host, in memory, on a PostgreSQL database of its own (one per test class). The first
/// start creates the super administrator from known settings; <see cref="Client"/> is signed in as them.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public const string AdminMobile = "13800000000";
    public const string AdminPassword = "test-admin-password";

    public TestDatabase Database { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>Signed in as the bootstrap super administrator.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>No token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Production: what clients see must not depend on developer-only pages.
            web.UseEnvironment("Production");
            web.UseSetting("CRM_DATABASE", Database.ConnectionString);
            web.UseSetting("CRM_ADMIN_MOBILE", AdminMobile);
            web.UseSetting("CRM_ADMIN_PASSWORD", AdminPassword);
            foreach (var (key, value) in Settings()) web.UseSetting(key, value);
            web.ConfigureTestServices(ConfigureServices);
        });
        Anonymous = Factory.CreateClient();
        Client = await SignedInClientAsync(AdminMobile, AdminPassword);
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Extra host settings for a fixture (e.g. tighter sign-in limits).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    /// <summary>Signs in and answers the token response (asserting success).</summary>
    public async Task<JsonElement> SignInAsync(string mobile, string password)
    {
        var response = await Anonymous.PostAsJsonAsync("/api/auth/login", new { mobile, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {mobile} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>A new client carrying a token for this user.</summary>
    public async Task<HttpClient> SignedInClientAsync(string mobile, string password) =>
        ClientWithToken((await SignInAsync(mobile, password)).GetProperty("accessToken").GetString()!);

    public HttpClient ClientWithToken(string accessToken)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Small HTTP helpers so tests read as the requests they make.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <summary>Asserts an RFC 9457 problem with the status, a traceId, and (when given) the field named under errors.</summary>
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
