using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Approvals.ApprovalApi;

namespace Crm.Host.Tests.Approvals;

/// <summary>
/// Issue 12: a submission shows a record's approved fields, so it is seen only by its submitter, its approvers and whoever reaches the
/// record under the record kind's own read permission and data scope — managing flows (approval-flow.list) reveals nothing.
/// </summary>
public sealed class seeing_approvals_in_scope(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    [Fact]
    public async Task a_flow_administrator_with_a_department_contract_scope_sees_only_that_departments_submissions_by_every_route()
    {
        var east = (await host.Admin.CreateDepartmentAsync("East " + Guid.NewGuid().ToString("N")[..6])).Id();
        var west = (await host.Admin.CreateDepartmentAsync("West " + Guid.NewGuid().ToString("N")[..6])).Id();
        var (bossId, _) = await host.MemberAsync();
        var submitter = await host.RoleAsync("self", Submitter);
        var (eastRepId, eastRep) = await InAsync(east, submitter);
        var (westRepId, westRep) = await InAsync(west, submitter);
        var (_, flowAdmin) = await InAsync(west,
            await host.RoleAsync("department", "approval-flow.list", "approval-flow.edit", "contract.list", "contract.detail"));
        var (_, flowsOnly) = await InAsync(west, await host.RoleAsync("all", "approval-flow.list", "approval-flow.edit"));
        await host.UseFlowAsync(UserStep(bossId));

        var westId = (await westRep.SubmitAsync(await host.ContractAsync(westRepId, "West deal"))).Id();
        var eastIds = new List<Guid>();
        for (var i = 0; i < 3; i++) eastIds.Add((await eastRep.SubmitAsync(await host.ContractAsync(eastRepId, "East secret"))).Id());

        // Filtered in SQL before paging: the first page of one is the one submission in scope, though three newer ones exist.
        var first = await flowAdmin.GetJsonAsync(Route + "?limit=1");
        Assert.Equal(westId, Assert.Single(first.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("nextCursor").ValueKind);
        foreach (var query in new[] { "", "?recordKind=contract", "?status=pending", "?waitingFor=me", "?submittedBy=me", "?limit=2&status=pending" })
        {
            Assert.Empty((await flowAdmin.IdsAsync(query)).Intersect(eastIds));
            Assert.Empty(await flowsOnly.IdsAsync(query));
        }
        Assert.Equal("West deal", (await flowAdmin.GetJsonAsync($"{Route}/{westId}")).GetProperty("fields").GetProperty("name").GetString());
        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Post, "/approve", new { }), (HttpMethod.Post, "/reject", new { reason = "No" }),
                     (HttpMethod.Post, "/withdraw", null),
                 })
        {
            await flowAdmin.RefusedAsync(method, $"{Route}/{eastIds[0]}{suffix}", body, 404, code: "approval_not_found");
            await flowsOnly.RefusedAsync(method, $"{Route}/{westId}{suffix}", body, 404, code: "approval_not_found");
        }
        // Seeing the record is not approving it.
        await flowAdmin.RefusedAsync(HttpMethod.Post, $"{Route}/{westId}/approve", new { }, 403, code: "not_your_step");
        Assert.Equal(eastIds.AsEnumerable().Reverse(), await eastRep.IdsAsync("?submittedBy=me"));
    }

    [Fact]
    public async Task a_contract_team_member_with_contract_list_sees_its_submission_and_a_member_without_it_does_not()
    {
        var (bossId, _) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync();
        var (listerId, lister) = await host.MemberAsync(null, await host.RoleAsync("self", "contract.list"));
        var (bareId, bare) = await host.MemberAsync(null, await host.RoleAsync("self", "customer.list"));
        await host.UseFlowAsync(UserStep(bossId));
        var contract = await host.ContractAsync(repId);
        foreach (var member in new[] { listerId, bareId })
            await host.Admin.SendAsync(HttpMethod.Post, $"/api/contracts/{contract}/team", new { userId = member, access = "read" });
        var id = (await rep.SubmitAsync(contract)).Id();

        Assert.Equal([id], await lister.IdsAsync(""));
        Assert.Equal(id, (await lister.GetJsonAsync($"{Route}/{id}")).Id());
        Assert.Empty(await bare.IdsAsync(""));
        await bare.RefusedAsync(HttpMethod.Get, $"{Route}/{id}", null, 404, code: "approval_not_found");
    }

    private async Task<(Guid Id, ApiCaller Caller)> InAsync(Guid departmentId, Guid roleId)
    {
        var user = await host.Admin.CreateUserAsync(extra: new { departmentId, roleIds = new[] { roleId } });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }
}
