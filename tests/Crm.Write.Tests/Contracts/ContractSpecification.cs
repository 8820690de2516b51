using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Contracts;
using Crm.Write.Opportunities;

namespace Crm.Write.Tests.Contracts;

/// <summary>A contract, its customer and products, as the contract decider tests give them.</summary>
internal static class ContractSpecification
{
    public static readonly Guid Id = Guid.CreateVersion7();
    public static readonly Guid Owner = Guid.CreateVersion7();
    public static readonly Guid Colleague = Guid.CreateVersion7();
    public static readonly Guid CustomerId = Guid.CreateVersion7();
    public static readonly Guid OtherCustomer = Guid.CreateVersion7();
    public static readonly DateTimeOffset At = Decisions.Now;
    public const string Number = "HT-2026-000001";

    public static readonly ProductOnFile Widget = new(Guid.CreateVersion7(), "W-1", "Widget", "piece", 100m, "CNY", true);
    public static readonly ProductOnFile Shelved = new(Guid.CreateVersion7(), "S-1", "Shelved", null, 5m, "CNY", false);
    public static readonly IReadOnlyDictionary<Guid, ProductOnFile> Products = new[] { Widget, Shelved }.ToDictionary(p => p.Id);

    public static readonly OpportunityLine WidgetLine = new(Guid.CreateVersion7(), Widget.Id, "Widget", "W-1", "piece", 10m, new Money(100.00m, "CNY"), 0m,
        new Money(1000.00m, "CNY"));

    /// <summary>A draft of 1,000.00 CNY (ten widgets).</summary>
    public static ContractCreated Created() => new(Id, Number, CustomerId, null, new ContractFields("Spring order"), [WidgetLine], new Money(1000.00m, "CNY"),
        false, Owner, At);

    public static ContractState Given(params object[] events) => Contract.Decider.Fold(ContractState.None, events);

    public static ContractState Draft() => Given(Created());

    public static ContractState Approved() =>
        Given(Created(), new ContractSubmitted(Id, Guid.CreateVersion7(), At), new ContractApproved(Id, CustomerId, Guid.CreateVersion7(), 2,
            new Money(1000.00m, "CNY"), At));

    public static CreateContract Create(IReadOnlyList<LineInput>? lines = null, string? currency = "CNY", decimal? amount = null, ContractInput? fields = null,
        bool taken = false, LinkedRecord? opportunity = null, LinkedRecord? signatory = null, string number = Number) =>
        new(Id, number, taken, CustomerId, fields ?? new ContractInput("Spring order"), lines ?? [], currency, amount, Owner, ContractSpecification.Products,
            opportunity, signatory);

    public static LineInput Line(Guid? product, decimal? quantity = 1, decimal? unitPrice = null) => new(Guid.CreateVersion7(), product, quantity, unitPrice, null);

    public static PlanInput Plan(int? instalment = 1, decimal? amount = 400m, string? plannedOn = "2026-05-01", int? remind = 7) =>
        new(instalment, amount, plannedOn, "transfer", remind, null);

    public static PaymentPlanEntry Entry(Guid planId, int instalment, decimal amount) =>
        new(planId, instalment, new Money(amount, "CNY"), new DateOnly(2026, 5, 1), "transfer", 7, null);
}
