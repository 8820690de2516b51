using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Refusals;

/// <summary>Who may receive a customer, and what a read-only team member may not do, each by its code.</summary>
public sealed class customer_receiver_and_team_codes(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Route = "/api/customers";

    private static async Task<string?> CodeAsync(HttpResponseMessage response, int status, string? field = null) =>
        (await response.AssertProblemAsync(status, field)).GetProperty("code").GetString();

    [Fact]
    public async Task a_transfer_names_no_user_an_unusable_one_or_one_outside_the_scope_each_with_its_code()
    {
        var (_, rep) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        var (otherId, _) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        var mine = await rep.CreateCustomerAsync();
        var transfer = $"{Route}/{mine.Id()}/transfer";
        var disabled = await host.Client.CreateUserAsync();
        Assert.Equal(200, (int)(await host.Client.PostAsync($"/api/users/{disabled.Id()}/disable", new { })).StatusCode);

        Assert.Equal("user_required", await CodeAsync(await host.Client.SendAsync(HttpMethod.Post, transfer, new { toUserId = Guid.Empty }), 400, "toUserId"));
        Assert.Equal("user_unusable", await CodeAsync(await host.Client.SendAsync(HttpMethod.Post, transfer, new { toUserId = Guid.NewGuid() }), 422, "toUserId"));
        Assert.Equal("user_unusable", await CodeAsync(await host.Client.SendAsync(HttpMethod.Post, transfer, new { toUserId = disabled.Id() }), 422, "toUserId"));
        Assert.Equal("user_out_of_scope", await CodeAsync(await rep.SendAsync(HttpMethod.Post, transfer, new { toUserId = otherId }), 422, "toUserId"));
    }

    [Fact]
    public async Task a_read_only_team_member_editing_is_a_403_team_read_only_and_the_customer_is_unchanged()
    {
        var (repId, rep) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";
        Assert.Equal(200, (int)(await host.Client.SendAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "read" })).StatusCode);
        var before = (await rep.GetAsync(path)).ETag();

        Assert.Equal("team_read_only", await CodeAsync(await rep.SendAsync(HttpMethod.Patch, path, new { level = "Z" }), 403));
        Assert.Equal(before, (await rep.GetAsync(path)).ETag());
    }
}
