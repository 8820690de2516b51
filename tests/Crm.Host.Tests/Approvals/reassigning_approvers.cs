using Crm.Events.Approvals;
using Crm.Events.Sales;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Approvals.ApprovalApi;

namespace Crm.Host.Tests.Approvals;

/// <summary>
/// Issue 12: a countersign ("all") step whose approver is disabled or leaves would wait forever. An approvals administrator
/// (approval-flow.reassign) puts another user in their place; the submission's stream records who, by whom and why.
/// </summary>
public sealed class reassigning_approvers(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    private static readonly string[] Administrator = ["approval-flow.reassign", "contract.list"];

    [Fact]
    public async Task a_countersign_step_stalled_on_a_disabled_approver_completes_once_an_administrator_reassigns_them()
    {
        var finance = await host.RoleAsync();
        var (f1Id, f1) = await host.MemberAsync(null, finance);
        var (f2Id, f2) = await host.MemberAsync(null, finance);
        var (f3Id, f3) = await host.MemberAsync(null, await host.RoleAsync("self", "customer.list"));
        var (adminId, admin) = await host.MemberAsync(null, await host.RoleAsync("all", Administrator));
        var (repId, rep) = await host.SubmitterAsync();
        await host.UseFlowAsync(new { name = "Countersign", approverKind = "role", roleId = finance, mode = "all" });
        var contract = await host.ContractAsync(repId);
        var id = (await rep.SubmitAsync(contract)).Id();
        await f1.ActAsync(id, "approve");
        await host.Admin.SendAsync("POST", $"/api/users/{f2Id}/disable");

        // A disabled user never approves, whatever their old token says.
        Assert.NotEqual(200, (await f2.Scenario(s =>
        {
            UserApi.Send(s, "POST", $"{Route}/{id}/approve", new { });
            s.IgnoreStatusCode();
        })).Status());
        Assert.Equal("pending", (await rep.GetJsonAsync($"{Route}/{id}")).GetProperty("status").GetString());

        var version = (await rep.GetJsonAsync($"{Route}/{id}")).GetProperty("version").GetInt64();
        var reassigned = (await admin.Scenario(s =>
        {
            UserApi.Send(s, "POST", $"{Route}/{id}/reassign", new { from = f2Id, to = f3Id, reason = "Left the company" });
            s.IfMatch($"\"{version}\"");
        })).Json();
        var step = reassigned.GetProperty("steps")[0];
        Assert.Equal([f1Id, f3Id], step.GetProperty("approvers").Guids().Order());
        Assert.Equal([f3Id], reassigned.GetProperty("waitingFor").Guids());
        var entry = Assert.Single(step.GetProperty("reassignments").EnumerateArray());
        Assert.Equal((f2Id, f3Id, adminId, "Left the company"), (entry.GetProperty("from").GetGuid(), entry.GetProperty("to").GetGuid(),
            entry.GetProperty("by").GetGuid(), entry.GetProperty("reason").GetString()));
        var audit = (await host.ContractEventsAsync(id)).Select(e => e.Data).OfType<ApprovalApproverReassigned>().Single();
        Assert.Equal((f2Id, f3Id, adminId, 0), (audit.From, audit.To, audit.By, audit.StepIndex));

        await host.CaughtUpAsync(); // notifications are delivered through the outbox
        Assert.Equal(["approval_waiting"], await f3.NoticesAsync(id));
        Assert.Equal([id], await f3.IdsAsync("?waitingFor=me"));
        Assert.Equal("approved", (await f3.ActAsync(id, "approve")).GetProperty("status").GetString());
        Assert.Single(await host.ContractEventsAsync(contract), e => e.Data is ContractApproved);
    }

    [Fact]
    public async Task the_replaced_approver_no_longer_acts_but_still_reads_the_submission()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (deputyId, deputy) = await host.MemberAsync();
        var (_, admin) = await host.MemberAsync(null, await host.RoleAsync("all", Administrator));
        var (repId, rep) = await host.SubmitterAsync();
        await host.UseFlowAsync(UserStep(bossId));
        var id = (await rep.SubmitAsync(await host.ContractAsync(repId))).Id();

        await admin.SendAsync("POST", $"{Route}/{id}/reassign", new { from = bossId, to = deputyId, reason = "On leave" });

        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 403, code: "not_your_step");
        Assert.Equal(id, (await boss.GetJsonAsync($"{Route}/{id}")).Id());
        Assert.Contains(id, await boss.IdsAsync(""));
        Assert.Empty(await boss.IdsAsync("?waitingFor=me"));
        Assert.Equal("approved", (await deputy.ActAsync(id, "approve")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task bad_reassignments_are_refused_naming_the_field_and_nothing_is_written()
    {
        var pair = await host.RoleAsync();
        var (f1Id, f1) = await host.MemberAsync(null, pair);
        var (f2Id, _) = await host.MemberAsync(null, pair);
        var (otherId, _) = await host.MemberAsync();
        var (disabledId, _) = await host.MemberAsync();
        await host.Admin.SendAsync("POST", $"/api/users/{disabledId}/disable");
        var (adminId, admin) = await host.MemberAsync(null, await host.RoleAsync("all", Administrator));
        var (_, blind) = await host.MemberAsync(null, await host.RoleAsync("all", "approval-flow.reassign", "approval-flow.list"));
        var (_, lister) = await host.MemberAsync(null, await host.RoleAsync("all", "contract.list", "approval-flow.list"));
        var (repId, rep) = await host.SubmitterAsync();
        await host.UseFlowAsync(new { name = "Countersign", approverKind = "role", roleId = pair, mode = "all" });
        var id = (await rep.SubmitAsync(await host.ContractAsync(repId))).Id();
        await f1.ActAsync(id, "approve");
        var path = $"{Route}/{id}/reassign";
        var before = (await host.ContractEventsAsync(id)).Count;

        await lister.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = otherId, reason = "x" }, 403, code: "permission_denied");
        await blind.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = otherId, reason = "x" }, 404, code: "approval_not_found");
        await admin.RefusedAsync(HttpMethod.Post, $"{Route}/{Guid.CreateVersion7()}/reassign", new { from = f2Id, to = otherId, reason = "x" }, 404,
            code: "approval_not_found");
        await admin.RefusedAsync(HttpMethod.Post, path, new { to = otherId, reason = "x" }, 400, "from");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, reason = "x" }, 400, "to");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = Guid.Empty, to = otherId, reason = "x" }, 400, "from", "from_required");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = Guid.Empty, reason = "x" }, 400, "to", "to_required");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = otherId, reason = " " }, 400, "reason", "reason_required");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = otherId, reason = new string('x', 1001) }, 400, "reason", "reason_too_long");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = Guid.CreateVersion7(), to = otherId, reason = "x" }, 422, "from", "approver_not_waiting");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f1Id, to = otherId, reason = "x" }, 422, "from", "approver_not_waiting");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = Guid.CreateVersion7(), reason = "x" }, 422, "to", "user_unusable");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = disabledId, reason = "x" }, 422, "to", "user_unusable");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = f1Id, reason = "x" }, 422, "to", "already_an_approver");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = repId, reason = "x" }, 422, "to", "submitter_cannot_approve");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = adminId, reason = "x" }, 422, "to", "reassign_to_self");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = otherId, reason = "x" }, 412, code: "stale_version", ifMatch: "\"1\"");
        Assert.Equal(before, (await host.ContractEventsAsync(id)).Count);

        await rep.ActAsync(id, "withdraw");
        await admin.RefusedAsync(HttpMethod.Post, path, new { from = f2Id, to = otherId, reason = "x" }, 409, code: "approval_ended");
    }
}
