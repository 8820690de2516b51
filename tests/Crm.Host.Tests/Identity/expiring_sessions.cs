using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Identity;

/// <summary>A clock the test moves forward; everything else about time stays real.</summary>
public sealed class ShiftingClock : TimeProvider
{
    private TimeSpan shift;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;

    public void Advance(TimeSpan by) => shift += by;
}

public sealed class expiring_sessions(expiring_sessions.ClockedHost host) : IClassFixture<expiring_sessions.ClockedHost>
{
    public sealed class ClockedHost : HostFixture
    {
        public ShiftingClock Clock { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    [Fact]
    public async Task a_token_stops_working_after_the_session_timeout_and_the_timeout_is_a_setting()
    {
        await host.Admin.SendAsync("PATCH", "/api/settings", """{ "sessionTimeoutHours": 2 }""");
        var token = await host.SignInAsync(HostFixture.AdminMobile, HostFixture.AdminPassword);
        Assert.Equal(7200, token.GetProperty("expiresIn").GetInt64());
        var client = host.WithToken(token.GetProperty("accessToken").GetString()!);
        await client.SendAsync("GET", "/api/auth/me");

        host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        await client.SendAsync("GET", "/api/auth/me", status: 401);
        // The refresh token outlives the session: it gives a new one.
        await host.SignedOut.SendAsync("POST", "/api/auth/refresh", $$"""{ "refreshToken": "{{token.GetProperty("refreshToken").GetString()}}" }""");
    }
}
