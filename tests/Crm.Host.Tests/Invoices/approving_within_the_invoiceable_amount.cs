using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using Crm.Host.Tests.Approvals;
using static Crm.Host.Tests.Invoices.InvoiceSeeds;

namespace Crm.Host.Tests.Invoices;

/// <summary>
/// The invoiceable amount holds when an invoice is approved, not only when it is requested: through the real approval engine, two
/// pending invoices that together overshoot never both become approved, a rejected one resubmitted must fit again, and nothing is
/// submitted or approved on a voided contract.
/// </summary>
public sealed class approving_within_the_invoiceable_amount(HostFixture host) : IClassFixture<HostFixture>
{
    private EventStore.EventStore Store => host.Services.GetRequiredService<EventStore.EventStore>();

    [Fact]
    public async Task two_pending_invoices_that_together_overshoot_race_their_final_approvals_and_at_most_one_wins()
    {
        var (_, approver) = await FlowAsync();
        for (var round = 0; round < 4; round++)
        {
            var contract = await host.ContractAsync(await host.MeAsync(), 100m);
            var first = (await host.Admin.CreatedAsync(Route, Body(contract, 60m))).Id();
            // The state the unguarded resubmission race could leave: a second draft the request rule never saw.
            var second = await SeededDraftAsync(contract, 60m);
            var submissions = new[] { await SubmitAsync(first), await SubmitAsync(second) };

            var answers = await Task.WhenAll(submissions.Select(id => Act(approver, $"/api/approvals/{id}/approve")));

            Assert.Equal([200, 409], answers.Select(a => a.Status).Order());
            var refused = answers.Single(a => a.Status == 409).Problem;
            Assert.Equal(("invoice_exceeds_invoiceable", 40m), (refused.GetProperty("code").GetString(), refused.GetProperty("invoiceable").GetDecimal()));
            Assert.True(refused.GetProperty("errors").TryGetProperty("amount", out _));
            var statuses = (await host.Admin.GetJsonAsync($"{Route}?contractId={contract}")).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("status").GetString()).Order().ToList();
            Assert.Equal(["approved", "pending"], statuses);
        }
    }

    [Fact]
    public async Task a_rejected_invoice_resubmitted_must_fit_again_and_a_voided_contract_takes_no_submission_nor_approval()
    {
        var (_, approver) = await FlowAsync();
        var contract = await host.ContractAsync(await host.MeAsync(), 100m);
        var rejected = (await host.Admin.CreatedAsync(Route, Body(contract, 60m))).Id();
        await approver.ActAsync(await SubmitAsync(rejected), "reject", new { reason = "Wrong title" });
        await host.Admin.CreatedAsync(Route, Body(contract, 60m));
        await host.Admin.ProblemAsync("POST", $"{Route}/{rejected}/submit", null, 409, "amount");

        var voided = await host.ContractAsync(await host.MeAsync(), 100m);
        var pending = (await host.Admin.CreatedAsync(Route, Body(voided, 10m))).Id();
        var draft = (await host.Admin.CreatedAsync(Route, Body(voided, 10m))).Id();
        var submission = await SubmitAsync(pending);
        await Store.AppendAsync(new StreamAppend(voided, "contract", ExpectedVersion.Any,
            [new ContractVoided(voided, "Cancelled", "approved", DateTimeOffset.UtcNow)]));

        var noApproval = await approver.ProblemAsync("POST", $"/api/approvals/{submission}/approve", null, 409, "contractId");
        Assert.Equal("contract_voided", noApproval.GetProperty("code").GetString());
        var noSubmission = await host.Admin.ProblemAsync("POST", $"{Route}/{draft}/submit", null, 409, "contractId");
        Assert.Equal("contract_voided", noSubmission.GetProperty("code").GetString());
        Assert.Equal("pending", (await host.Admin.GetJsonAsync($"{Route}/{pending}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task once_its_contract_is_voided_an_approved_invoice_is_not_issued_and_a_draft_is_not_edited_but_may_be_deleted()
    {
        var (_, approver) = await FlowAsync();
        var contract = await host.ContractAsync(await host.MeAsync(), 100m);
        var approved = (await host.Admin.CreatedAsync(Route, Body(contract, 30m))).Id();
        await approver.ActAsync(await SubmitAsync(approved), "approve");
        var draft = (await host.Admin.CreatedAsync(Route, Body(contract, 10m))).Id();
        Assert.Equal("approved", (await host.Admin.GetJsonAsync($"{Route}/{approved}")).GetProperty("status").GetString());
        await Store.AppendAsync(new StreamAppend(contract, "contract", ExpectedVersion.Any,
            [new ContractVoided(contract, "Cancelled", "approved", DateTimeOffset.UtcNow)]));

        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{approved}/issue", new { invoiceNumber = "0440", issuedOn = "2026-03-10" }, 409,
            "contractId", "contract_voided");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{draft}", new { remark = "late" }, 409, "contractId", "contract_voided");
        Assert.Equal("approved", (await host.Admin.GetJsonAsync($"{Route}/{approved}")).GetProperty("status").GetString());
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{draft}", status: 204);
    }

    private async Task<(Guid Id, ApiCaller Caller)> FlowAsync()
    {
        var approver = await host.MemberAsync();
        var flows = await host.Admin.GetJsonAsync(ApprovalApi.Flows + "?recordKind=invoice");
        foreach (var f in flows.GetProperty("items").EnumerateArray().Where(f => f.GetProperty("enabled").GetBoolean()))
            await host.Admin.SendAsync("POST", $"{ApprovalApi.Flows}/{f.Id()}/disable");
        await host.Admin.CreatedAsync(ApprovalApi.Flows, new { recordKind = "invoice", name = "Invoices " + Guid.NewGuid().ToString("N")[..6],
            steps = new[] { ApprovalApi.UserStep(approver.Id) }, enabled = true });
        return approver;
    }

    private async Task<Guid> SubmitAsync(Guid invoiceId) => (await host.Admin.SendAsync("POST", $"{Route}/{invoiceId}/submit", status: 201)).Json().Id();

    private async Task<Guid> SeededDraftAsync(Guid contractId, decimal amount)
    {
        var id = Guid.CreateVersion7();
        var me = await host.MeAsync();
        await Store.AppendAsync(StreamAppend.Start(id, "invoice", [new InvoiceRequested(id, contractId, Guid.CreateVersion7(), new Money(amount, "CNY"),
            new InvoiceFields("Hangzhou Widget Co., Ltd.", "91330100MA2AXXXX1K", "vat_special"), me, me, DateTimeOffset.UtcNow)]));
        return id;
    }

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
