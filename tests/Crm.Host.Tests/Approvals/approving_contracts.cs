using Crm.Events.Sales;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Approvals.ApprovalApi;

namespace Crm.Host.Tests.Approvals;

public sealed class approving_contracts(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    [Fact]
    public async Task a_two_step_flow_with_a_countersign_step_approves_the_contract_at_the_version_submitted()
    {
        var finance = await host.RoleAsync();
        var (bossId, boss) = await host.MemberAsync();
        var (f1Id, f1) = await host.MemberAsync(null, finance);
        var (f2Id, f2) = await host.MemberAsync(null, finance);
        var (repId, rep) = await host.SubmitterAsync(bossId);
        var flow = await host.UseFlowAsync(new { name = "Manager", approverKind = "superior" },
            new { name = "Finance", approverKind = "role", roleId = finance, mode = "all" });
        var contract = await host.ContractAsync(repId);

        var submitted = await rep.SubmitAsync(contract);
        var id = submitted.Id();
        Assert.Equal(("pending", 2L, 0), (submitted.GetProperty("status").GetString(), submitted.GetProperty("recordVersion").GetInt64(),
            submitted.GetProperty("currentStep").GetInt32()));
        Assert.Equal((flow.Id(), flow.GetProperty("version").GetInt64()), (submitted.GetProperty("flowId").GetGuid(), submitted.GetProperty("flowVersion").GetInt64()));
        Assert.Equal([bossId], submitted.GetProperty("waitingFor").Guids());
        Assert.Equal(new[] { f1Id, f2Id }.Order(), submitted.GetProperty("steps")[1].GetProperty("approvers").Guids());
        Assert.Contains(id, await boss.IdsAsync("?waitingFor=me"));
        Assert.DoesNotContain(id, await f1.IdsAsync("?waitingFor=me"));
        Assert.Contains(id, await f1.IdsAsync(""));
        var seen = await f1.GetJsonAsync($"{Route}/{id}");
        var fields = seen.GetProperty("fields");
        Assert.Equal(("Big deal", "1000.00 CNY"), (fields.GetProperty("name").GetString(), fields.GetProperty("amount").GetString()));
        await f1.RefusedAsync(HttpMethod.Get, $"/api/contracts/{contract}/approval", null, 403, code: "permission_denied");
        Assert.Contains(id, await rep.IdsAsync("?submittedBy=me"));

        await f1.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 403, code: "not_your_step");
        var first = await boss.ActAsync(id, "approve", new { comment = "Fine" });
        Assert.Equal((1, "Fine"), (first.GetProperty("currentStep").GetInt32(), first.GetProperty("steps")[0].GetProperty("actions")[0].GetProperty("comment").GetString()));
        Assert.Equal(new[] { f1Id, f2Id }.Order(), first.GetProperty("waitingFor").Guids());
        Assert.Contains(id, await f2.IdsAsync("?waitingFor=me"));

        var countersigned = await f1.ActAsync(id, "approve");
        Assert.Equal("pending", countersigned.GetProperty("status").GetString());
        Assert.Equal([f2Id], countersigned.GetProperty("waitingFor").Guids());
        await f1.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 409, code: "already_approved_by_you");
        var approved = await f2.ActAsync(id, "approve");
        Assert.Equal(("approved", 2L), (approved.GetProperty("status").GetString(), approved.GetProperty("approvedVersion").GetInt64()));
        Assert.Empty(approved.GetProperty("waitingFor").EnumerateArray());

        var events = await host.ContractEventsAsync(contract);
        Assert.Equal([typeof(ContractCreated), typeof(ContractSubmitted), typeof(ContractApproved)], events.Select(e => e.Data.GetType()));
        Assert.Equal(2L, ((ContractApproved)events[2].Data).ApprovedVersion);
        var view = await rep.GetJsonAsync($"/api/contracts/{contract}/approval");
        Assert.Equal(("approved", 2L, 2L, true), (view.GetProperty("recordStatus").GetString(), view.GetProperty("submittedVersion").GetInt64(),
            view.GetProperty("approvedVersion").GetInt64(), view.GetProperty("contentUnchanged").GetBoolean()));
        Assert.Empty(view.GetProperty("diff").EnumerateArray());
        await rep.RefusedAsync(HttpMethod.Post, $"/api/contracts/{contract}/submit", null, 409, code: "already_approved");

        await host.CaughtUpAsync(); // notifications are delivered through the outbox
        Assert.Equal(["approval_waiting"], await boss.NoticesAsync(id));
        Assert.Equal(["approval_waiting"], await f2.NoticesAsync(id));
        Assert.Equal(["approval_approved"], await rep.NoticesAsync(id));
    }

    [Fact]
    public async Task a_pending_submission_keeps_the_steps_of_the_flow_version_it_was_submitted_under()
    {
        var (xId, x) = await host.MemberAsync();
        var (yId, y) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync();
        var flow = await host.UseFlowAsync(UserStep(xId));
        var before = await rep.SubmitAsync(await host.ContractAsync(repId));

        var changed = (await host.Admin.SendAsync(HttpMethod.Patch, $"{Flows}/{flow.Id()}", new { steps = new[] { UserStep(yId) } })).Json();
        Assert.Equal(flow.GetProperty("version").GetInt64() + 1, changed.GetProperty("version").GetInt64());
        var after = await rep.SubmitAsync(await host.ContractAsync(repId));

        Assert.Equal([xId], before.GetProperty("waitingFor").Guids());
        Assert.Equal(flow.GetProperty("version").GetInt64(), before.GetProperty("flowVersion").GetInt64());
        Assert.Equal([yId], after.GetProperty("waitingFor").Guids());
        Assert.Equal(changed.GetProperty("version").GetInt64(), after.GetProperty("flowVersion").GetInt64());
        await y.RefusedAsync(HttpMethod.Post, $"{Route}/{before.Id()}/approve", new { }, 404, code: "approval_not_found");
        Assert.Equal("approved", (await x.ActAsync(before.Id(), "approve")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task with_no_flow_enabled_a_submission_is_approved_in_the_same_append()
    {
        await host.NoFlowAsync();
        var (repId, rep) = await host.SubmitterAsync();
        var contract = await host.ContractAsync(repId);

        var submitted = await rep.SubmitAsync(contract);

        Assert.Equal(("approved", 0L, 2L), (submitted.GetProperty("status").GetString(), submitted.GetProperty("flowVersion").GetInt64(),
            submitted.GetProperty("approvedVersion").GetInt64()));
        Assert.Empty(submitted.GetProperty("steps").EnumerateArray());
        var events = await host.ContractEventsAsync(contract);
        Assert.Equal([typeof(ContractCreated), typeof(ContractSubmitted), typeof(ContractApproved)], events.Select(e => e.Data.GetType()));
        Assert.Equal(events[1].Timestamp, events[2].Timestamp);
    }

    [Fact]
    public async Task a_rejection_needs_a_reason_and_after_an_edit_the_approval_view_shows_the_diff_until_it_is_submitted_again()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        await host.UseFlowAsync(new { name = "Manager", approverKind = "superior" });
        var contract = await host.ContractAsync(repId, "Spring order");
        var id = (await rep.SubmitAsync(contract)).Id();
        await rep.RefusedAsync(HttpMethod.Post, $"/api/contracts/{contract}/submit", null, 409, code: "approval_pending");

        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/reject", new { reason = " " }, 400, "reason", "reason_required");
        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/reject", new { reason = new string('x', 1001) }, 400, "reason", "reason_too_long");
        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { comment = new string('x', 1001) }, 400, "comment", "comment_too_long");
        var rejected = await boss.ActAsync(id, "reject", new { reason = "Price too low" });
        Assert.Equal(("rejected", "Price too low"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("reason").GetString()));
        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 409, code: "approval_ended");
        await host.CaughtUpAsync();
        Assert.Equal(["approval_rejected"], await rep.NoticesAsync(id));
        Assert.IsType<ContractRejected>((await host.ContractEventsAsync(contract))[^1].Data);

        await host.RenameContractAsync(contract, "Spring order (revised)");
        var view = await rep.GetJsonAsync($"/api/contracts/{contract}/approval");
        Assert.False(view.GetProperty("contentUnchanged").GetBoolean());
        var diff = Assert.Single(view.GetProperty("diff").EnumerateArray());
        Assert.Equal(("name", "Spring order", "Spring order (revised)"),
            (diff.GetProperty("field").GetString(), diff.GetProperty("submitted").GetString(), diff.GetProperty("now").GetString()));

        var again = await rep.SubmitAsync(contract);
        Assert.Equal(5L, again.GetProperty("recordVersion").GetInt64());
        var now = await rep.GetJsonAsync($"/api/contracts/{contract}/approval");
        Assert.Equal((again.Id(), 0), (now.GetProperty("submission").Id(), now.GetProperty("diff").GetArrayLength()));
    }

    [Fact]
    public async Task only_the_submitter_withdraws_and_the_contract_is_a_draft_again()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        await host.UseFlowAsync(UserStep(bossId));
        var contract = await host.ContractAsync(repId);
        var id = (await rep.SubmitAsync(contract)).Id();

        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/withdraw", null, 403, code: "not_submitter");
        var withdrawn = await rep.ActAsync(id, "withdraw");

        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.IsType<ContractWithdrawn>((await host.ContractEventsAsync(contract))[^1].Data);
        await rep.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/withdraw", null, 409, code: "approval_ended");
        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 409, code: "approval_ended");
        Assert.DoesNotContain(id, await boss.IdsAsync("?waitingFor=me"));
        Assert.Equal("pending", (await rep.SubmitAsync(contract)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task an_approval_never_lands_on_fields_that_changed_after_the_submission()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        await host.UseFlowAsync(UserStep(bossId));
        var contract = await host.ContractAsync(repId, "Locked");
        var id = (await rep.SubmitAsync(contract)).Id();

        // A command that ignored the lock (or raced it) changed an approved field: the approval must not complete on it.
        await host.RenameBehindTheLockAsync(contract, "Locked", "Changed behind the approver's back");
        await boss.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 409, code: "record_changed");

        Assert.IsType<ContractEdited>((await host.ContractEventsAsync(contract))[^1].Data);
        Assert.Equal("pending", (await rep.GetJsonAsync($"{Route}/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task submissions_are_refused_for_voided_contracts_missing_approvers_and_stale_versions()
    {
        var (repId, rep) = await host.SubmitterAsync();
        await host.UseFlowAsync(new { name = "Manager", approverKind = "superior" });
        var contract = await host.ContractAsync(repId);

        var missing = (await rep.RefusedAsync(HttpMethod.Post, $"/api/contracts/{contract}/submit", null, 409, code: "approver_missing")).Json();
        Assert.Equal(0, missing.GetProperty("step").GetInt32());
        await rep.Scenario(s =>
        {
            s.Post.Url($"/api/contracts/{contract}/submit");
            s.IfMatch("\"7\"");
            s.ProblemShouldBe(412, code: "stale_version");
        });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contracts/{contract}/void", new { reason = "Customer withdrew" });
        await rep.RefusedAsync(HttpMethod.Post, $"/api/contracts/{contract}/submit", null, 409, code: "contract_voided");
        await rep.RefusedAsync(HttpMethod.Get, $"/api/contracts/{contract}/approval", null, 404, code: "approval_not_found");
    }

    [Fact]
    public async Task a_hidden_contract_or_submission_answers_404_on_every_route()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        var (_, stranger) = await host.SubmitterAsync(bossId);
        var (_, noRights) = await host.MemberAsync(bossId);
        await host.UseFlowAsync(UserStep(bossId));
        var contract = await host.ContractAsync(repId);
        var id = (await rep.SubmitAsync(contract)).Id();

        await stranger.RefusedAsync(HttpMethod.Post, $"/api/contracts/{contract}/submit", null, 404, code: "contract_not_found");
        await stranger.RefusedAsync(HttpMethod.Get, $"/api/contracts/{contract}/approval", null, 404, code: "contract_not_found");
        await noRights.RefusedAsync(HttpMethod.Post, $"/api/contracts/{contract}/submit", null, 403, code: "permission_denied");
        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Post, "/approve", new { }), (HttpMethod.Post, "/reject", new { reason = "No" }),
                     (HttpMethod.Post, "/withdraw", null),
                 })
        {
            await stranger.RefusedAsync(method, $"{Route}/{id}{suffix}", body, 404, code: "approval_not_found");
            await stranger.RefusedAsync(method, $"{Route}/{Guid.CreateVersion7()}{suffix}", body, 404, code: "approval_not_found");
        }
        Assert.DoesNotContain(id, await stranger.IdsAsync(""));
        Assert.Contains(id, await host.Admin.IdsAsync(""));
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 403, code: "not_your_step");
        Assert.Equal(id, (await boss.GetJsonAsync($"{Route}/{id}")).Id());
    }

    [Fact]
    public async Task an_approver_who_lost_the_role_or_was_disabled_no_longer_acts_on_the_step()
    {
        var finance = await host.RoleAsync();
        var (f1Id, f1) = await host.MemberAsync(null, finance);
        var (f2Id, f2) = await host.MemberAsync(null, finance);
        var (repId, rep) = await host.SubmitterAsync();
        await host.UseFlowAsync(new { name = "Finance", approverKind = "role", roleId = finance, mode = "any" });
        var id = (await rep.SubmitAsync(await host.ContractAsync(repId))).Id();

        await host.Admin.SendAsync(HttpMethod.Post, $"/api/users/{f1Id}/roles", new { roleIds = Array.Empty<Guid>() });
        await f1.RefusedAsync(HttpMethod.Post, $"{Route}/{id}/approve", new { }, 403, code: "not_your_step");
        Assert.Equal("approved", (await f2.ActAsync(id, "approve")).GetProperty("status").GetString());
        Assert.NotEqual(f1Id, f2Id);
    }
}
