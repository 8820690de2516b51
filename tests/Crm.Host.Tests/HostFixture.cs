using System.Text.Json;
using Alba;
using Crm.EventStore.Daemon;
using Crm.Host.Outbox;
using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;
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
    }

    /// <summary>The host's settings: also applied to a second host of the same app on Kestrel (<see cref="WireHost"/>).</summary>
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

    /// <summary>
    /// Waits until the daemon has applied every event so far (the async read models and the subscriptions), then until Wolverine has
    /// handled every message the subscriptions handed it (the notifications); never a fixed sleep. A dead-lettered message fails it.
    /// </summary>
    public async Task CaughtUpAsync()
    {
        await Services.GetRequiredService<ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await Services.GetRequiredService<OutboxStatus>().WaitForDrainAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a start that failed must not hide its cause behind a failed clean-up.
        if (Host is not null) await Host.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
