using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Refusals;

/// <summary>Who may receive a customer, and what a read-only team member may not do, each by its code.</summary>
public sealed class customer_receiver_and_team_codes(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Route = CustomerApi.Route;

    private static Task<JsonElement> NewCustomerAsync(ApiCaller caller) => caller.CreatedAsync(Route, new { name = LeadApi.Unique("Acme") });

    [Fact]
    public async Task a_transfer_names_no_user_an_unusable_one_or_one_outside_the_scope_each_with_its_code()
    {
        var (_, rep) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        var (otherId, _) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        var mine = await NewCustomerAsync(rep);
        var transfer = $"{Route}/{mine.Id()}/transfer";
        var disabled = await host.Admin.CreateUserAsync();
        await host.Admin.Scenario(s => s.Post.Json(new { }).ToUrl($"/api/users/{disabled.Id()}/disable"));

        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { toUserId = Guid.Empty }).ToUrl(transfer);
            s.ProblemShouldBe(400, "toUserId", code: "user_required");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { toUserId = Guid.NewGuid() }).ToUrl(transfer);
            s.ProblemShouldBe(422, "toUserId", code: "user_unusable");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { toUserId = disabled.Id() }).ToUrl(transfer);
            s.ProblemShouldBe(422, "toUserId", code: "user_unusable");
        });
        await rep.Scenario(s =>
        {
            s.Post.Json(new { toUserId = otherId }).ToUrl(transfer);
            s.ProblemShouldBe(422, "toUserId", code: "user_out_of_scope");
        });
    }

    [Fact]
    public async Task a_read_only_team_member_editing_is_a_403_team_read_only_and_the_customer_is_unchanged()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        var customer = await NewCustomerAsync(host.Admin);
        var path = $"{Route}/{customer.Id()}";
        await host.Admin.Scenario(s => s.Post.Json(new { userId = repId, access = "read" }).ToUrl(path + "/team"));
        var before = (await rep.Scenario(s => s.Get.Url(path))).ETag();

        await rep.Scenario(s =>
        {
            s.Patch.Json(new { level = "Z" }).ToUrl(path);
            s.ProblemShouldBe(403, code: "team_read_only");
        });
        Assert.Equal(before, (await rep.Scenario(s => s.Get.Url(path))).ETag());
    }
}
