using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Approvals.ApprovalApi;

namespace Crm.Host.Tests.Approvals;

public sealed class listing_approvals(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    [Fact]
    public async Task the_lists_filter_by_inbox_submitter_kind_and_status_and_page_by_cursor()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        await host.UseFlowAsync(UserStep(bossId));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await rep.SubmitAsync(await host.ContractAsync(repId))).Id());
        await boss.ActAsync(ids[0], "approve");

        Assert.Equal(ids[1..].AsEnumerable().Reverse(), await boss.IdsAsync("?waitingFor=me"));
        Assert.Equal(ids.AsEnumerable().Reverse(), await rep.IdsAsync("?submittedBy=me&recordKind=contract"));
        Assert.Equal([ids[0]], await rep.IdsAsync("?status=approved"));
        Assert.Empty(await rep.IdsAsync("?waitingFor=me"));

        var page = await boss.GetJsonAsync(Route + "?limit=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var next = await boss.GetJsonAsync(Route + "?limit=2&cursor=" + page.GetProperty("nextCursor").GetString());
        Assert.Equal(ids[0], Assert.Single(next.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);

        await rep.RefusedAsync(HttpMethod.Get, Route + "?waitingFor=boss", null, 400, "waitingFor", "waiting_for_invalid");
        await rep.RefusedAsync(HttpMethod.Get, Route + "?submittedBy=boss", null, 400, "submittedBy", "submitted_by_invalid");
        await rep.RefusedAsync(HttpMethod.Get, Route + "?status=open", null, 400, "status", "status_invalid");
        await rep.RefusedAsync(HttpMethod.Get, Route + "?recordKind=lead", null, 400, "recordKind", "record_kind_unknown");
        await host.SignedOut.RefusedAsync(HttpMethod.Get, Route, null, 401);
    }
}
