using System.Text.Json;
using Crm.Events;
using Crm.Host.Tests.Approvals;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Pool;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Payments;

/// <summary>The payment host on a hand-moved clock (today is what the clock says): the receivables and aging depend on the day.</summary>
public sealed class PaymentHostFixture : HostFixture
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>A contract as the seeds wrote it: its customer, owner, amount and the instalments of its plan.</summary>
public sealed record SeededContract(Guid Id, string Number, Guid CustomerId, Guid OwnerId, Money Amount, IReadOnlyList<Guid> PlanIds);

/// <summary>
/// Contracts (created, planned, submitted, approved, voided) and the approval of payments, through the contracts and approval APIs
/// (<see cref="SeedApprovals"/>): nothing in the payment tests writes events by hand.
/// </summary>
internal static class PaymentSeeds
{
    public const string Route = "/api/payments";

    public static readonly string[] Cashier =
    [
        .. CustomerApi.SalesRep, "payment.create", "payment.list", "payment.detail", "payment.edit", "payment.delete", "payment.export",
        "payment-plan.list",
    ];

    private static long number;

    /// <summary>A contract of the customer owned by <paramref name="ownerId"/>, approved unless told, with one instalment per plan given.</summary>
    public static async Task<SeededContract> ContractAsync(this HostFixture host, Guid customerId, Guid ownerId, decimal amount, string status = "approved",
        string currency = "CNY", params (decimal Amount, DateOnly On, int? RemindDaysBefore)[] plans)
    {
        var name = $"Supply HT-T-{Interlocked.Increment(ref number):000000}";
        var contract = await host.Admin.CreatedAsync("/api/contracts", new { customerId, name, currency, amount, ownerId });
        var id = contract.Id();
        var planIds = new List<Guid>();
        foreach (var (plan, i) in plans.Select((p, i) => (p, i)))
        {
            planIds.Add((await host.Admin.CreatedAsync($"/api/contracts/{id}/payment-plans", new
            {
                instalment = i + 1, amount = plan.Amount, plannedOn = plan.On.ToString("yyyy-MM-dd"), method = "bank transfer",
                remindDaysBefore = plan.RemindDaysBefore,
            })).Id());
        }
        if (status == "pending") await ContractApprovalSeeds.SubmitAsync(host, id);
        if (status is "approved" or "voided") await ContractApprovalSeeds.ApproveAsync(host, id);
        if (status == "voided") await host.Admin.SendAsync(HttpMethod.Post, $"/api/contracts/{id}/void", new { reason = "Cancelled by the customer" });
        return new SeededContract(id, contract.GetProperty("number").GetString()!, customerId, ownerId, new Money(amount, currency), planIds);
    }

    /// <summary>The payment submitted and approved by the seed approver.</summary>
    public static async Task ApproveAsync(this HostFixture host, Guid paymentId) =>
        await host.DecideAsync("payment", await host.SubmitForApprovalAsync("payment", paymentId));

    /// <summary>The payment submitted (pending).</summary>
    public static Task SubmitAsync(this HostFixture host, Guid paymentId) => host.SubmitForApprovalAsync("payment", paymentId);

    /// <summary>A payment recorded through the API by the caller.</summary>
    public static Task<JsonElement> RecordAsync(this ApiCaller caller, Guid contractId, decimal amount, DateOnly receivedOn, Guid? planId = null) =>
        caller.CreatedAsync(Route, new { contractId, amount, receivedOn = receivedOn.ToString("yyyy-MM-dd"), planId, method = "bank transfer" });

    /// <summary>A payment recorded through the API and approved.</summary>
    public static async Task<Guid> ApprovedPaymentAsync(this HostFixture host, ApiCaller caller, Guid contractId, decimal amount, DateOnly receivedOn,
        Guid? planId = null)
    {
        var id = (await caller.RecordAsync(contractId, amount, receivedOn, planId)).Id();
        await host.ApproveAsync(id);
        return id;
    }
}
