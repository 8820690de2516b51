using Crm.Events.Sales;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Approvals.ApprovalApi;

namespace Crm.Host.Tests.Approvals;

/// <summary>
/// The race: a change racing the final approval, exactly one wins. A pending contract is locked, so the change that can
/// race is the submitter's withdrawal; both append to the contract's stream at the same version.
/// </summary>
public sealed class racing_the_final_approval(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    [Fact]
    public async Task a_withdrawal_racing_the_final_approval_exactly_one_wins_and_the_record_and_the_submission_agree()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        await host.UseFlowAsync(UserStep(bossId));
        for (var round = 0; round < 6; round++)
        {
            var contract = await host.ContractAsync(repId);
            var id = (await rep.SubmitAsync(contract)).Id();

            var answers = await Task.WhenAll(
                Act(boss, $"{Route}/{id}/approve"),
                Act(rep, $"{Route}/{id}/withdraw"));

            Assert.Equal(1, answers.Count(s => s == 200));
            Assert.Equal(1, answers.Count(s => s == 409));
            var submission = await rep.GetJsonAsync($"{Route}/{id}");
            var events = await host.ContractEventsAsync(contract);
            Assert.Equal(3, events.Count);
            var (status, recordEvent) = answers[0] == 200 ? ("approved", typeof(ContractApproved)) : ("withdrawn", typeof(ContractWithdrawn));
            Assert.Equal((status, recordEvent), (submission.GetProperty("status").GetString(), events[2].Data.GetType()));
        }
    }

    [Fact]
    public async Task an_edit_through_the_contracts_api_racing_the_final_approval_never_lands_and_a_payment_plan_added_meanwhile_does_not_block_it()
    {
        var (bossId, boss) = await host.MemberAsync();
        var (repId, rep) = await host.SubmitterAsync(bossId);
        await host.UseFlowAsync(UserStep(bossId));
        for (var round = 0; round < 4; round++)
        {
            var contract = await host.ContractAsync(repId, "Racing");
            var submitted = await rep.SubmitAsync(contract);
            var id = submitted.Id();

            // The edit of an approved field and the approval race: the contract is locked, so only the approval wins, whichever runs first.
            var answers = await Task.WhenAll(
                Act(boss, $"{Route}/{id}/approve"),
                Send(host.Admin, "PATCH", $"/api/contracts/{contract}", new { name = "Changed in the race" }),
                Send(host.Admin, "POST", $"/api/contracts/{contract}/payment-plans", new { instalment = 1, amount = 10m, plannedOn = "2027-05-01" }));

            Assert.Equal((200, 409, 201), (answers[0], answers[1], answers[2]));
            var events = await host.ContractEventsAsync(contract);
            Assert.DoesNotContain(events, e => e.Data is ContractEdited);
            var approved = Assert.Single(events, e => e.Data is ContractApproved).Data as ContractApproved;
            Assert.Equal(submitted.GetProperty("recordVersion").GetInt64(), approved!.ApprovedVersion);
            Assert.Equal("Racing", (await host.Admin.GetJsonAsync($"/api/contracts/{contract}")).GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task concurrent_approvals_of_an_all_step_both_count_and_complete_it_once()
    {
        var finance = await host.RoleAsync();
        var approvers = new List<(Guid Id, ApiCaller Caller)>();
        for (var i = 0; i < 3; i++) approvers.Add(await host.MemberAsync(null, finance));
        var (repId, rep) = await host.SubmitterAsync();
        await host.UseFlowAsync(new { name = "Countersign", approverKind = "role", roleId = finance, mode = "all" });
        var contract = await host.ContractAsync(repId);
        var id = (await rep.SubmitAsync(contract)).Id();

        var answers = await Task.WhenAll(approvers.Select(a => Act(a.Caller, $"{Route}/{id}/approve")));

        Assert.All(answers, s => Assert.Equal(200, s));
        var submission = await rep.GetJsonAsync($"{Route}/{id}");
        Assert.Equal("approved", submission.GetProperty("status").GetString());
        Assert.Equal(approvers.Select(a => a.Id).Order(),
            submission.GetProperty("steps")[0].GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("approverId").GetGuid()).Order());
        Assert.Single(await host.ContractEventsAsync(contract), e => e.Data is ContractApproved);
    }

    private static async Task<int> Send(ApiCaller caller, string method, string path, object body) => (await caller.Scenario(s =>
    {
        UserApi.Send(s, method, path, body);
        s.IgnoreStatusCode();
    })).Status();

    private static async Task<int> Act(ApiCaller caller, string path) => (await caller.Scenario(s =>
    {
        UserApi.Send(s, "POST", path, null);
        s.IgnoreStatusCode();
    })).Status();
}
