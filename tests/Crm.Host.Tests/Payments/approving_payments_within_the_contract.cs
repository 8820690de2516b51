using Crm.Events.Sales;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Approvals;
using static Crm.Host.Tests.Payments.PaymentSeeds;

namespace Crm.Host.Tests.Payments;

/// <summary>
/// Through the real approval engine: approved payments never add up to more than their contract (two final approvals racing for the
/// last of it: at most one wins), and a payment of a voided contract is neither edited, submitted nor approved.
/// </summary>
public sealed class approving_payments_within_the_contract(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    [Fact]
    public async Task two_pending_payments_that_together_overshoot_race_their_final_approvals_and_at_most_one_wins()
    {
        var approver = await FlowAsync();
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        for (var round = 0; round < 4; round++)
        {
            var contract = await host.ContractAsync(customer, me, 100m);
            var payments = new[]
            {
                (await host.Admin.RecordAsync(contract.Id, 60m, host.Today)).Id(), (await host.Admin.RecordAsync(contract.Id, 60m, host.Today)).Id(),
            };
            var submissions = new List<Guid>();
            foreach (var p in payments) submissions.Add(await SubmitAsync(p));

            var answers = await Task.WhenAll(submissions.Select(id => Act(approver, $"/api/approvals/{id}/approve")));

            Assert.Equal([200, 409], answers.Select(a => a.Status).Order());
            var refused = answers.Single(a => a.Status == 409).Problem;
            Assert.Equal(("payments_exceed_contract", 40m), (refused.GetProperty("code").GetString(), refused.GetProperty("unpaid").GetDecimal()));
            Assert.True(refused.GetProperty("errors").TryGetProperty("amount", out _));
            var statuses = (await host.Admin.GetJsonAsync($"{Route}?contractId={contract.Id}")).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("status").GetString()).Order().ToList();
            Assert.Equal(["approved", "pending"], statuses);
        }
    }

    [Fact]
    public async Task a_payment_of_a_voided_contract_is_not_edited_submitted_or_approved()
    {
        var approver = await FlowAsync();
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var contract = await host.ContractAsync((await host.Admin.CreateCustomerAsync()).Id(), me, 100m);
        var pending = (await host.Admin.RecordAsync(contract.Id, 10m, host.Today)).Id();
        var draft = (await host.Admin.RecordAsync(contract.Id, 10m, host.Today)).Id();
        var submission = await SubmitAsync(pending);
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contracts/{contract.Id}/void", new { reason = "Cancelled" });

        foreach (var (caller, path, body) in new (ApiCaller, string, object?)[]
                 {
                     (approver, $"/api/approvals/{submission}/approve", null), (host.Admin, $"{Route}/{draft}/submit", null),
                     (host.Admin, $"{Route}", new { contractId = contract.Id, amount = 5m, receivedOn = host.Today.ToString("yyyy-MM-dd") }),
                 })
            Assert.Equal("contract_voided", (await caller.ProblemAsync("POST", path, body, 409, "contractId")).GetProperty("code").GetString());
        Assert.Equal("contract_voided", (await host.Admin.ProblemAsync("PATCH", $"{Route}/{draft}", new { remark = "late" }, 409, "contractId"))
            .GetProperty("code").GetString());
        Assert.Equal("pending", (await host.Admin.GetJsonAsync($"{Route}/{pending}")).GetProperty("status").GetString());
        await host.Admin.SendAsync("DELETE", $"{Route}/{draft}", status: 204);
    }

    private async Task<ApiCaller> FlowAsync()
    {
        var approver = await host.MemberAsync();
        var flows = await host.Admin.GetJsonAsync(ApprovalApi.Flows + "?recordKind=payment");
        foreach (var f in flows.GetProperty("items").EnumerateArray().Where(f => f.GetProperty("enabled").GetBoolean()))
            await host.Admin.SendAsync("POST", $"{ApprovalApi.Flows}/{f.Id()}/disable");
        await host.Admin.CreatedAsync(ApprovalApi.Flows, new { recordKind = "payment", name = "Payments " + Guid.NewGuid().ToString("N")[..6],
            steps = new[] { ApprovalApi.UserStep(approver.Id) }, enabled = true });
        return approver.Caller;
    }

    private async Task<Guid> SubmitAsync(Guid paymentId) => (await host.Admin.SendAsync("POST", $"{Route}/{paymentId}/submit", status: 201)).Json().Id();

    private static async Task<(int Status, System.Text.Json.JsonElement Problem)> Act(ApiCaller caller, string path)
    {
        var result = await caller.Scenario(s =>
        {
            UserApi.Send(s, "POST", path, null);
            s.IgnoreStatusCode();
        });
        return (result.Status(), result.Json());
    }
}
