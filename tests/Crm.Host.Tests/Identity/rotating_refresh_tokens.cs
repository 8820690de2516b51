using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

/// <summary>A refresh token works once; replaying a spent one revokes every token of its sign-in, on every host.</summary>
public sealed class rotating_refresh_tokens(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(JsonElement User, JsonElement Tokens)> SignedInUserAsync()
    {
        var user = await host.Client.CreateUserAsync();
        return (user, await host.SignInAsync(user.Mobile(), Password));
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, JsonElement tokens) =>
        client.PostAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

    private async Task<int> MeAsync(JsonElement tokens) =>
        (int)(await host.ClientWithToken(tokens.GetProperty("accessToken").GetString()!).GetAsync("/api/auth/me")).StatusCode;

    [Fact]
    public async Task a_refresh_answers_a_new_pair_and_spends_the_old_one()
    {
        var (_, first) = await SignedInUserAsync();

        var second = await (await RefreshAsync(host.Anonymous, first)).JsonAsync();

        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());
        Assert.Equal(200, await MeAsync(second));
        Assert.Equal(401, await MeAsync(first));
        var third = await RefreshAsync(host.Anonymous, second);
        Assert.Equal(200, (int)third.StatusCode);
        Assert.Equal(200, await MeAsync(await third.JsonAsync()));
    }

    [Fact]
    public async Task replaying_a_spent_refresh_token_revokes_every_token_of_that_sign_in()
    {
        var (user, first) = await SignedInUserAsync();
        var other = await host.SignInAsync(user.Mobile(), Password);
        var second = await (await RefreshAsync(host.Anonymous, first)).JsonAsync();

        var replay = await (await RefreshAsync(host.Anonymous, first)).AssertProblemAsync(401);

        Assert.Equal("refresh_token_reused", replay.GetProperty("code").GetString());
        Assert.Equal(401, await MeAsync(second));
        var afterTheft = await (await RefreshAsync(host.Anonymous, second)).AssertProblemAsync(401);
        Assert.Equal("session_ended", afterTheft.GetProperty("code").GetString());
        // Another sign-in of the same user is another family: untouched.
        Assert.Equal(200, await MeAsync(other));
        Assert.Equal(200, (int)(await RefreshAsync(host.Anonymous, other)).StatusCode);
    }

    [Fact]
    public async Task the_rotation_is_kept_in_the_database_so_another_host_refuses_a_spent_token()
    {
        var (_, first) = await SignedInUserAsync();
        await using var otherHost = host.Factory.WithWebHostBuilder(_ => { });
        using var otherClient = otherHost.CreateClient();

        Assert.Equal(200, (int)(await RefreshAsync(host.Anonymous, first)).StatusCode);

        var replay = await (await RefreshAsync(otherClient, first)).AssertProblemAsync(401);
        Assert.Equal("refresh_token_reused", replay.GetProperty("code").GetString());
    }

    [Fact]
    public async Task the_hosts_cache_of_token_families_forgets_families_past_the_freshness_window()
    {
        var clock = new Crm.Host.Tests.Pool.ManualClock(DateTimeOffset.UtcNow);
        var dataSource = host.Factory.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:Auth:SessionCacheSeconds"] = "5" }).Build();
        var families = new Crm.Host.Auth.TokenFamilies(dataSource, clock, settings);
        var user = (await host.Client.CreateUserAsync()).Id();
        var expires = clock.GetUtcNow().AddHours(1);

        for (var i = 0; i < 3; i++) Assert.True(await families.IsCurrentAsync(await families.StartAsync(user, expires, default), 1, default));
        Assert.Equal(3, families.CachedFamilies);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await families.IsCurrentAsync(await families.StartAsync(user, expires, default), 1, default));

        Assert.Equal(1, families.CachedFamilies);
    }
}
