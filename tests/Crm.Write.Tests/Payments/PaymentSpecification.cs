using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Payments;

namespace Crm.Write.Tests.Payments;

/// <summary>A payment and its contract, as the payment decider tests give them. Today is 2026-03-01 (UTC).</summary>
internal static class PaymentSpecification
{
    public static readonly Guid Id = Guid.CreateVersion7();
    public static readonly Guid ContractId = Guid.CreateVersion7();
    public static readonly Guid CustomerId = Guid.CreateVersion7();
    public static readonly Guid Owner = Guid.CreateVersion7();
    public static readonly Guid PlanId = Guid.CreateVersion7();
    public static readonly DateTimeOffset At = Decisions.Now;

    public static ContractOnFile Contract(string status = ApprovalStatus.Approved, decimal amount = 1000m) =>
        new(ContractId, true, status, CustomerId, Owner, new Money(amount, "CNY"), new HashSet<Guid> { PlanId });

    public static PaymentInput Input(decimal? amount = 300m, string? receivedOn = "2026-02-27", string? planId = null, string? currency = null) =>
        new(amount, currency, receivedOn, planId, " bank transfer ", null);

    public static readonly PaymentFields Fields = new(new Money(300.00m, "CNY"), new DateOnly(2026, 2, 27), null, "bank transfer", null);

    public static PaymentRecorded Recorded() => new(Id, ContractId, CustomerId, Fields, Owner, At);

    public static PaymentState Given(params object[] events) => Payment.Decider.Fold(PaymentState.None, events);
}
