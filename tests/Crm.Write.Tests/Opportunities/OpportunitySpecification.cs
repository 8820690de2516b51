using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;

namespace Crm.Write.Tests.Opportunities;

/// <summary>An opportunity, its pipeline and products, as the opportunity decider tests give them.</summary>
internal static class OpportunitySpecification
{
    public static readonly Guid Id = Guid.CreateVersion7();
    public static readonly Guid Owner = Guid.CreateVersion7();
    public static readonly Guid Colleague = Guid.CreateVersion7();
    public static readonly Guid CustomerId = Guid.CreateVersion7();
    public static readonly DateTimeOffset At = Decisions.Now;

    private static readonly Guid PipelineId = Guid.CreateVersion7();
    public static readonly PipelineStage Initial = new(Guid.CreateVersion7(), "Initial contact", 10m, StageOutcome.Open);
    public static readonly PipelineStage Analysis = new(Guid.CreateVersion7(), "Needs analysis", 30m, StageOutcome.Open);
    public static readonly PipelineStage Quotation = new(Guid.CreateVersion7(), "Quotation", 60m, StageOutcome.Open);
    public static readonly PipelineStage Won = new(Guid.CreateVersion7(), "Won", 100m, StageOutcome.Won);
    public static readonly PipelineStage Lost = new(Guid.CreateVersion7(), "Lost", 0m, StageOutcome.Lost);
    public static readonly PipelineOnFile Pipeline = new(PipelineId, [Initial, Analysis, Quotation, Won, Lost]);

    public static readonly ProductOnFile Widget = new(Guid.CreateVersion7(), "W-1", "Widget", "piece", 33.33m, "CNY", true);
    public static readonly ProductOnFile Shelved = new(Guid.CreateVersion7(), "S-1", "Shelved", null, 5m, "CNY", false);
    public static readonly ProductOnFile Dollars = new(Guid.CreateVersion7(), "D-1", "Dollar thing", null, 5m, "USD", true);
    public static readonly IReadOnlyDictionary<Guid, ProductOnFile> Products = new[] { Widget, Shelved, Dollars }.ToDictionary(p => p.Id);

    public static StageSnapshot Snap(PipelineStage stage) => Pipeline.Snapshot(stage);

    public static readonly Guid LineId = Guid.CreateVersion7();

    /// <summary>3 widgets at 33.33 with 12.5 % off: 87.49125 → 87.49.</summary>
    public static readonly OpportunityLine WidgetLine = new(LineId, Widget.Id, "Widget", "W-1", "piece", 3m, new Money(33.33m, "CNY"), 12.5m,
        new Money(87.49m, "CNY"));

    public static OpportunityCreated Created(params OpportunityLine[] lines) => new(Id, CustomerId, new OpportunityFields("Spring order"), lines,
        new Money(lines.Sum(l => l.Subtotal.Amount) + 0.00m, "CNY"), false, Owner, Snap(Initial), null, At);

    public static OpportunityState Given(params object[] events) => Opportunity.Decider.Fold(OpportunityState.None, events);

    public static CreateOpportunity Create(IReadOnlyList<LineInput>? lines = null, string? currency = "CNY", decimal? amount = null,
        OpportunityInput? fields = null, PipelineOnFile? pipeline = null, bool noPipeline = false) =>
        new(Id, CustomerId, fields ?? new OpportunityInput("Spring order"), lines ?? [], currency, amount, Owner, noPipeline ? null : pipeline ?? Pipeline,
            Products);

    public static LineInput Line(Guid? product, decimal? quantity = 1, decimal? unitPrice = null, decimal? discount = null, Guid? lineId = null) =>
        new(lineId ?? Guid.CreateVersion7(), product, quantity, unitPrice, discount);
}
