using Crm.Host.Tests.Customers;

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
        var (_, plain) = await host.ColleagueAsync("self", "customer.list");
        var (_, viewer) = await host.ColleagueAsync("self", "settings.view");

        var refused = await (await plain.GetAsync("/api/settings/history")).AssertProblemAsync(403);
        Assert.Equal(("permission_denied", "settings.view"), (refused.GetProperty("code").GetString(), refused.GetProperty("permission").GetString()));
        Assert.Equal(200, (int)(await plain.GetAsync("/api/settings")).StatusCode);
        Assert.Equal(200, (int)(await viewer.GetAsync("/api/settings/history")).StatusCode);
    }
}
