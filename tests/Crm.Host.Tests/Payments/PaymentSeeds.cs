using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
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
/// Contracts and approvals through the real event store, until the contracts (slice B) and approval (slice A) APIs are merged: then these
/// seeds become calls to POST /api/contracts, /payment-plans, /submit and /api/approvals/{id}/approve. Nothing else in the payment tests
/// writes events by hand.
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

    public static EventStore.EventStore Store(this HostFixture host) => host.Services.GetRequiredService<EventStore.EventStore>();

    /// <summary>A contract of the customer owned by <paramref name="ownerId"/>, approved unless told, with one instalment per plan given.</summary>
    public static async Task<SeededContract> ContractAsync(this HostFixture host, Guid customerId, Guid ownerId, decimal amount, string status = "approved",
        string currency = "CNY", params (decimal Amount, DateOnly On, int? RemindDaysBefore)[] plans)
    {
        var id = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        var money = new Money(amount, currency);
        var contractNumber = $"HT-T-{Interlocked.Increment(ref number):000000}-{id.ToString("N")[^6..]}";
        var events = new List<object>
        {
            new ContractCreated(id, contractNumber, customerId, null, new ContractFields("Supply " + contractNumber), [], money, true, ownerId, at),
        };
        var planIds = new List<Guid>();
        foreach (var (plan, i) in plans.Select((p, i) => (p, i)))
        {
            planIds.Add(Guid.CreateVersion7());
            events.Add(new PaymentPlanAdded(id, new PaymentPlanEntry(planIds[^1], i + 1, new Money(plan.Amount, currency), plan.On, "bank transfer",
                plan.RemindDaysBefore, null)));
        }
        var submission = Guid.CreateVersion7();
        if (status is "pending" or "approved" or "voided") events.Add(new ContractSubmitted(id, submission, at));
        if (status is "approved" or "voided") events.Add(new ContractApproved(id, customerId, submission, events.Count, money, at));
        if (status == "voided") events.Add(new ContractVoided(id, "Cancelled by the customer", "approved", at));
        await host.Store().AppendAsync(new StreamAppend(id, "contract", ExpectedVersion.NoStream, events));
        return new SeededContract(id, contractNumber, customerId, ownerId, money, planIds);
    }

    /// <summary>Appends to an existing contract (a transfer, a void, a plan) at whatever version it is.</summary>
    public static Task AppendToContractAsync(this HostFixture host, Guid contractId, params object[] events) =>
        host.Store().AppendAsync(new StreamAppend(contractId, "contract", ExpectedVersion.Any, events));

    /// <summary>The payment submitted and approved, as the approval engine would append them to its stream.</summary>
    public static async Task ApproveAsync(this HostFixture host, Guid paymentId)
    {
        var payment = await host.GetPaymentStateAsync(paymentId);
        var (state, version) = payment;
        var submission = Guid.CreateVersion7();
        await host.Store().AppendAsync(new StreamAppend(paymentId, "payment", ExpectedVersion.Exactly(version), [
            new PaymentSubmitted(paymentId, submission, DateTimeOffset.UtcNow),
            new PaymentApproved(paymentId, state.ContractId, state.CustomerId, submission, version + 1, state.Fields.Amount, state.Fields.ReceivedOn,
                DateTimeOffset.UtcNow),
        ]));
    }

    /// <summary>The payment submitted (pending), as the approval engine would append it.</summary>
    public static async Task SubmitAsync(this HostFixture host, Guid paymentId)
    {
        var (_, version) = await host.GetPaymentStateAsync(paymentId);
        await host.Store().AppendAsync(new StreamAppend(paymentId, "payment", ExpectedVersion.Exactly(version),
            [new PaymentSubmitted(paymentId, Guid.CreateVersion7(), DateTimeOffset.UtcNow)]));
    }

    private static async Task<(Write.Payments.PaymentState State, long Version)> GetPaymentStateAsync(this HostFixture host, Guid paymentId) =>
        (await host.Store().AggregateStreamAsync(paymentId, Write.Payments.PaymentState.None,
            (s, e) => Write.Payments.PaymentState.Evolve(s, e.Data)))!.Value;

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
