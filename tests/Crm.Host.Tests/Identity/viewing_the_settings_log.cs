namespace Crm.Host.Tests.Identity;

/// <summary>
/// settings.view guards the settings' change log (who changed what); the values stay readable by anyone
/// signed in, since every client pages its lists by them.
/// </summary>
public sealed class viewing_the_settings_log(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task the_change_log_needs_settings_view_while_the_values_need_only_a_sign_in()
    {
        var (_, plain) = await host.SignedInUserAsync("self", "customer.list");
        var (_, viewer) = await host.SignedInUserAsync("self", "settings.view");

        var refused = await plain.ProblemAsync("GET", "/api/settings/history", null, 403);
        Assert.Equal(("permission_denied", "settings.view"), (refused.GetProperty("code").GetString(), refused.GetProperty("permission").GetString()));
        await plain.SendAsync("GET", "/api/settings");
        await viewer.SendAsync("GET", "/api/settings/history");
    }
}
