using System.Text.Json;
using Alba;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

/// <summary>A refresh token works once; replaying a spent one revokes every token of its sign-in, on every host.</summary>
public sealed class rotating_refresh_tokens(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(JsonElement User, JsonElement Tokens)> SignedInUserAsync()
    {
        var user = await host.Admin.CreateUserAsync();
        return (user, await host.SignInAsync(user.Mobile(), Password));
    }

    private static object Refresh(JsonElement tokens) => new { refreshToken = tokens.GetProperty("refreshToken").GetString() };

    private static async Task<JsonElement> RefreshAsync(IAlbaHost on, JsonElement tokens) =>
        (await new ApiCaller(on, null).SendAsync("POST", "/api/auth/refresh", Refresh(tokens))).Json();

    private static Task<JsonElement> RefusedRefreshAsync(IAlbaHost on, JsonElement tokens) =>
        new ApiCaller(on, null).ProblemAsync("POST", "/api/auth/refresh", Refresh(tokens), 401);

    private async Task<int> MeAsync(JsonElement tokens) => (await host.WithToken(tokens.GetProperty("accessToken").GetString()!).Scenario(s =>
    {
        s.Get.Url("/api/auth/me");
        s.IgnoreStatusCode(); // the tests compare the status
    })).Status();

    [Fact]
    public async Task a_refresh_answers_a_new_pair_and_spends_the_old_one()
    {
        var (_, first) = await SignedInUserAsync();

        var second = await RefreshAsync(host.Host, first);

        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());
        Assert.Equal(200, await MeAsync(second));
        Assert.Equal(401, await MeAsync(first));
        var third = await RefreshAsync(host.Host, second);
        Assert.Equal(200, await MeAsync(third));
    }

    [Fact]
    public async Task replaying_a_spent_refresh_token_revokes_every_token_of_that_sign_in()
    {
        var (user, first) = await SignedInUserAsync();
        var other = await host.SignInAsync(user.Mobile(), Password);
        var second = await RefreshAsync(host.Host, first);

        var replay = await RefusedRefreshAsync(host.Host, first);

        Assert.Equal("refresh_token_reused", replay.GetProperty("code").GetString());
        Assert.Equal(401, await MeAsync(second));
        var afterTheft = await RefusedRefreshAsync(host.Host, second);
        Assert.Equal("session_ended", afterTheft.GetProperty("code").GetString());
        // Another sign-in of the same user is another family: untouched.
        Assert.Equal(200, await MeAsync(other));
        await RefreshAsync(host.Host, other);
    }

    [Fact]
    public async Task the_rotation_is_kept_in_the_database_so_another_host_refuses_a_spent_token()
    {
        var (_, first) = await SignedInUserAsync();
        await using var otherHost = await AlbaHost.For<Program>(host.Configure);

        await RefreshAsync(host.Host, first);

        var replay = await RefusedRefreshAsync(otherHost, first);
        Assert.Equal("refresh_token_reused", replay.GetProperty("code").GetString());
    }

    [Fact]
    public async Task the_hosts_cache_of_token_families_forgets_families_past_the_freshness_window()
    {
        var clock = new Crm.Host.Tests.Pool.ManualClock(DateTimeOffset.UtcNow);
        var dataSource = host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:Auth:SessionCacheSeconds"] = "5" }).Build();
        var families = new Crm.Host.Auth.TokenFamilies(dataSource, clock, settings);
        var user = (await host.Admin.CreateUserAsync()).Id();
        var expires = clock.GetUtcNow().AddHours(1);

        for (var i = 0; i < 3; i++) Assert.True(await families.IsCurrentAsync(await families.StartAsync(user, expires, default), 1, default));
        Assert.Equal(3, families.CachedFamilies);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await families.IsCurrentAsync(await families.StartAsync(user, expires, default), 1, default));

        Assert.Equal(1, families.CachedFamilies);
    }
}
