using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;
using static Crm.Host.Tests.Integrations.IntegrationApi;

namespace Crm.Host.Tests.Integrations;

/// <summary>SET-5: an API token works until its expiry and not a moment after (the host's clock moved past it).</summary>
public sealed class expiring_api_tokens(expiring_sessions.ClockedHost host) : IClassFixture<expiring_sessions.ClockedHost>
{
    [Fact]
    public async Task an_expired_token_is_refused_on_the_first_request_after_its_expiry()
    {
        var api = host.WithToken((await host.Admin.CreateTokenAsync(["customer.list"], days: 1)).GetProperty("token").GetString()!);
        await api.Scenario(s => s.Get.Url(Route));

        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await api.Scenario(s =>
        {
            s.Get.Url(Route);
            s.StatusCodeShouldBe(401);
        });
    }
}
