using System.Globalization;
using System.Text.Json;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Opportunities;
using static Crm.Host.Tests.Approvals.ApprovalApi;

// Not Crm.Host.Tests.Scenarios: that name is the static class of scenario helpers (Scenarios.cs).
namespace Crm.Host.Tests.EndToEnd;

/// <summary>
/// Issue 12 end to end, through the HTTP API only: a lead becomes a customer with an opportunity, the opportunity is won, its
/// contract goes through a two-step flow (the superior, then a countersign of two), is planned and paid, the payment goes through
/// its own flow, and the receivables, targets, customer, inbox and history all tell the same story.
/// </summary>
public sealed class from_lead_to_paid_contract(HostFixture host) : IClassFixture<HostFixture>
{
    private const decimal Price = 12_800m;
    private const decimal DealAmount = 34_560m; // 3 × 12,800.00 less 10 %

    private static readonly string[] RepPermissions =
    [
        .. LeadApi.SalesPermissions, .. OpportunityApi.SalesRep, .. ContractApi.SalesRep, "contract.submit", "payment.create",
        "payment.list", "payment.detail", "payment.edit", "target.list",
    ];

    [Fact]
    public async Task a_lead_is_converted_won_contracted_approved_by_a_countersign_planned_paid_and_counted_towards_the_reps_targets()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The administrator's set-up: a sales department, a manager (the rep's superior), a finance officer; the manager and the
        // finance officer hold the contract approver role; the rep sees only their own records.
        var sales = (await host.Admin.CreateDepartmentAsync("Sales East")).Id();
        var approverRole = (await host.Admin.CreateRoleAsync("Contract approver", "self", "contract.detail")).Id();
        var repRole = (await host.Admin.CreateRoleAsync("Sales rep", "self", [.. RepPermissions.Distinct()])).Id();
        var (managerId, manager) = await UserAsync("Wang Qiang", new { departmentId = sales, roleIds = new[] { approverRole } });
        var (financeId, finance) = await UserAsync("Zhao Min", new { roleIds = new[] { approverRole } });
        var (repId, rep) = await UserAsync("Li Na", new { departmentId = sales, superiorId = managerId, roleIds = new[] { repRole } });

        var contractFlow = await host.Admin.CreatedAsync(Flows, new
        {
            recordKind = "contract", name = "Contracts", enabled = true,
            steps = new object[]
            {
                new { name = "Manager", approverKind = "superior" },
                new { name = "Countersign", approverKind = "role", roleId = approverRole, mode = "all" },
            },
        });
        Assert.Equal(["any", "all"], contractFlow.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("mode").GetString()));
        await host.Admin.CreatedAsync(Flows, new
        {
            recordKind = "payment", name = "Payments", enabled = true, steps = new[] { UserStep(financeId) },
        });
        var pipeline = await host.DefaultPipelineAsync();
        var widget = await host.ProductAsync(Price, name: "Industrial widget");

        // Lead → customer with an opportunity (LEAD-5) → advanced → won.
        var lead = await rep.CreateLeadAsync(LeadApi.Unique("Chen"), new { company = LeadApi.Unique("Chen Machinery") });
        var converted = (await rep.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new
        {
            opportunity = new { name = "Widgets for line 2", lines = new[] { new { productId = widget, quantity = 3, discountPercent = 10 } } },
        })).Json();
        var customerId = converted.GetProperty("customerId").GetGuid();
        var opportunityId = converted.GetProperty("opportunityId").GetGuid();
        var opportunityPath = $"{OpportunityApi.Route}/{opportunityId}";
        var opportunity = await rep.GetJsonAsync(opportunityPath);
        Assert.Equal((repId, customerId, DealAmount, pipeline.Open(0)), (opportunity.GetProperty("ownerId").GetGuid(),
            opportunity.GetProperty("customerId").GetGuid(), opportunity.GetProperty("amount").GetDecimal(), opportunity.GetProperty("stageId").GetGuid()));
        await rep.SendAsync(HttpMethod.Post, opportunityPath + "/advance", new { stageId = pipeline.Open(2) });
        var won = (await rep.SendAsync(HttpMethod.Post, opportunityPath + "/win")).Json();
        Assert.Equal(pipeline.Closing("won"), won.GetProperty("stageId").GetGuid());

        // The contract of the customer and the opportunity, with the product on shelf.
        var contract = await rep.CreatedAsync(ContractApi.Route, new
        {
            customerId, opportunityId, name = "Widget supply 2026", signedOn = day,
            lines = new[] { new { productId = widget, quantity = 3, discountPercent = 10 } },
        });
        var contractId = contract.Id();
        var contractPath = contract.Path();
        Assert.Equal(("draft", DealAmount, "CNY", 1L, false), (contract.GetProperty("status").GetString(), contract.GetProperty("amount").GetDecimal(),
            contract.GetProperty("currency").GetString(), contract.GetProperty("version").GetInt64(), contract.GetProperty("amountSetByHand").GetBoolean()));
        Assert.Equal((opportunityId, widget), (contract.GetProperty("opportunityId").GetGuid(),
            Assert.Single(contract.GetProperty("lines").EnumerateArray()).GetProperty("productId").GetGuid()));

        // Submitted: step 1 waits for the superior alone.
        var submission = await rep.SubmitAsync(contractId);
        var submissionId = submission.Id();
        Assert.Equal(("pending", 2L, 0), (submission.GetProperty("status").GetString(), submission.GetProperty("recordVersion").GetInt64(),
            submission.GetProperty("currentStep").GetInt32()));
        Assert.Equal([managerId], submission.GetProperty("waitingFor").Guids());
        Assert.Equal("pending", (await rep.GetJsonAsync(contractPath)).GetProperty("status").GetString());
        await finance.RefusedAsync(HttpMethod.Post, $"{Route}/{submissionId}/approve", new { }, 403, code: "not_your_step");

        // Step 1 approved by the superior; the countersign waits for both holders of the role.
        var stepOne = await manager.ActAsync(submissionId, "approve", new { comment = "Good margin" });
        Assert.Equal(("pending", 1), (stepOne.GetProperty("status").GetString(), stepOne.GetProperty("currentStep").GetInt32()));
        Assert.Equal(new[] { managerId, financeId }.Order(), stepOne.GetProperty("waitingFor").Guids().Order());

        // One countersigner is not enough: the contract is still pending, waiting for the other.
        var countersigned = await finance.ActAsync(submissionId, "approve");
        Assert.Equal(("pending", 1), (countersigned.GetProperty("status").GetString(), countersigned.GetProperty("currentStep").GetInt32()));
        Assert.Equal([managerId], countersigned.GetProperty("waitingFor").Guids());
        Assert.Equal("pending", (await rep.GetJsonAsync(contractPath)).GetProperty("status").GetString());
        await finance.RefusedAsync(HttpMethod.Post, $"{Route}/{submissionId}/approve", new { }, 409, code: "already_approved_by_you");

        var approved = await manager.ActAsync(submissionId, "approve");
        Assert.Equal(("approved", 2L), (approved.GetProperty("status").GetString(), approved.GetProperty("approvedVersion").GetInt64()));
        Assert.Empty(approved.GetProperty("waitingFor").EnumerateArray());
        var approvedContract = await rep.GetJsonAsync(contractPath);
        Assert.Equal(("approved", 2L, 3L), (approvedContract.GetProperty("status").GetString(), approvedContract.GetProperty("approvedVersion").GetInt64(),
            approvedContract.GetProperty("version").GetInt64()));
        var approvedAt = approvedContract.GetProperty("approvedAt").GetDateTimeOffset();

        // Approved means locked.
        await rep.RefusedAsync(HttpMethod.Patch, contractPath, new { name = "Widget supply 2026 (revised)" }, 409, code: "contract_locked");
        await rep.RefusedAsync(HttpMethod.Put, contractPath + "/lines", new { lines = new[] { new { productId = widget, quantity = 1 } } }, 409,
            code: "contract_locked");

        // The payment plan of the full amount, a payment against it, submitted and approved through the payment flow.
        var plan = await rep.CreatedAsync(contractPath + "/payment-plans",
            new { instalment = 1, amount = DealAmount, plannedOn = day, method = "bank transfer", remindDaysBefore = 3 });
        var payment = await rep.CreatedAsync("/api/payments",
            new { contractId, amount = DealAmount, receivedOn = day, planId = plan.Id(), method = "bank transfer" });
        Assert.Equal(("draft", customerId, repId), (payment.GetProperty("status").GetString(), payment.GetProperty("customerId").GetGuid(),
            payment.GetProperty("ownerId").GetGuid()));
        var paymentSubmission = (await rep.SendAsync(HttpMethod.Post, $"/api/payments/{payment.Id()}/submit", status: 201)).Json();
        Assert.Equal([financeId], paymentSubmission.GetProperty("waitingFor").Guids());
        Assert.Equal("pending", (await rep.GetJsonAsync($"/api/payments/{payment.Id()}")).GetProperty("status").GetString());
        Assert.Equal("approved", (await finance.ActAsync(paymentSubmission.Id(), "approve")).GetProperty("status").GetString());
        Assert.Equal("approved", (await rep.GetJsonAsync($"/api/payments/{payment.Id()}")).GetProperty("status").GetString());

        // Receivables are async: once the daemon caught up, nothing is left to receive.
        await host.CaughtUpAsync();
        var receivable = Assert.Single((await rep.GetJsonAsync("/api/receivables")).GetProperty("items").EnumerateArray());
        AssertSettled(receivable, contractId);
        var ofContract = await rep.GetJsonAsync(contractPath + "/receivable");
        AssertSettled(ofContract, contractId);
        var instalment = Assert.Single(ofContract.GetProperty("plans").EnumerateArray());
        Assert.Equal((plan.Id(), 0m, false), (instalment.GetProperty("planId").GetGuid(), instalment.GetProperty("outstanding").GetDecimal(),
            instalment.GetProperty("overdue").GetBoolean()));
        AssertSettled((await rep.GetJsonAsync($"/api/payments?contractId={contractId}")).GetProperty("receivable"), contractId);
        var detail = await rep.GetJsonAsync(contractPath);
        Assert.Equal(("approved", DealAmount), (detail.GetProperty("status").GetString(), detail.GetProperty("amount").GetDecimal()));
        Assert.Equal((plan.Id(), DealAmount), (Assert.Single(detail.GetProperty("paymentPlans").EnumerateArray()).Id(),
            detail.GetProperty("paymentPlans")[0].GetProperty("amount").GetDecimal()));

        // The rep's targets: this month's contract amount and this year's payments received are reached.
        await host.Admin.CreatedAsync("/api/targets", new
        {
            subjectKind = "user", subjectId = repId, measure = "contract_amount", year = today.Year, period = "month", periodNo = today.Month,
            amount = 30_000m, currency = "CNY",
        });
        await host.Admin.CreatedAsync("/api/targets", new
        {
            subjectKind = "user", subjectId = repId, measure = "payments_received", year = today.Year, period = "year", amount = DealAmount,
            currency = "CNY",
        });
        var monthly = Assert.Single((await rep.GetJsonAsync(
            $"/api/targets/achievement?year={today.Year}&period=month&periodNo={today.Month}&measure=contract_amount")).GetProperty("items").EnumerateArray());
        Assert.Equal((repId, DealAmount, 1.152m), (monthly.GetProperty("target").GetProperty("subjectId").GetGuid(),
            monthly.GetProperty("achieved").GetDecimal(), monthly.GetProperty("ratio").GetDecimal()));
        var yearly = Assert.Single((await rep.GetJsonAsync($"/api/targets/achievement?year={today.Year}&period=year&measure=payments_received"))
            .GetProperty("items").EnumerateArray());
        Assert.Equal((repId, DealAmount, 1m), (yearly.GetProperty("target").GetProperty("subjectId").GetGuid(), yearly.GetProperty("achieved").GetDecimal(),
            yearly.GetProperty("ratio").GetDecimal()));

        // The customer closed a deal: its latest deal is the contract's approval.
        var customer = await rep.GetJsonAsync($"{CustomerApi.Route}/{customerId}");
        Assert.Equal((repId, approvedAt), (customer.GetProperty("ownerId").GetGuid(), customer.GetProperty("lastDealAt").GetDateTimeOffset()));
        Assert.Equal("closed_deal", customer.GetProperty("followUpStatus").GetString());

        // The contract's approval: the version approved, nothing changed since (the plan is no approved field).
        var view = await rep.GetJsonAsync(contractPath + "/approval");
        Assert.Equal(("approved", 2L, 2L, true, submissionId), (view.GetProperty("recordStatus").GetString(), view.GetProperty("submittedVersion").GetInt64(),
            view.GetProperty("approvedVersion").GetInt64(), view.GetProperty("contentUnchanged").GetBoolean(), view.GetProperty("submission").Id()));
        Assert.Empty(view.GetProperty("diff").EnumerateArray());

        // The inbox: each approver was asked at each step that waited for them, the submitter told of both approvals.
        await host.CaughtUpAsync(); // delivered through the outbox
        Assert.Equal(["approval_waiting", "approval_waiting"], await manager.NoticesAsync(submissionId));
        Assert.Equal(["approval_waiting"], await finance.NoticesAsync(submissionId));
        Assert.Equal(["approval_waiting"], await finance.NoticesAsync(paymentSubmission.Id()));
        Assert.Equal(["approval_approved"], await rep.NoticesAsync(submissionId));
        Assert.Equal(["approval_approved"], await rep.NoticesAsync(paymentSubmission.Id()));

        // The contract's history, with who did what.
        var history = (await rep.GetJsonAsync(contractPath + "/history")).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("action").GetString(), i.GetProperty("actorId").GetGuid())).ToList();
        Assert.Equal([("created", repId), ("submitted", repId), ("approved", managerId), ("payment_plan_added", repId)], history);
    }

    private async Task<(Guid Id, ApiCaller Caller)> UserAsync(string name, object extra)
    {
        var user = await host.Admin.CreateUserAsync(name: name, extra: extra);
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }

    private static void AssertSettled(JsonElement receivable, Guid contractId)
    {
        Assert.Equal((contractId, "approved", DealAmount, DealAmount, 0m, 1), (receivable.GetProperty("contractId").GetGuid(),
            receivable.GetProperty("contractStatus").GetString(), receivable.GetProperty("contractAmount").GetDecimal(),
            receivable.GetProperty("approvedAmount").GetDecimal(), receivable.GetProperty("receivableAmount").GetDecimal(),
            receivable.GetProperty("paymentsCount").GetInt32()));
        Assert.Equal(0m, receivable.GetProperty("overdueAmount").GetDecimal());
    }
}
