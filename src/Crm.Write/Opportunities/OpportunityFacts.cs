using Crm.Events;

namespace Crm.Write.Opportunities;

// What the opportunity decider needs from outside its stream, looked up by the handler: the products named by new lines and
// the pipeline whose stages it moves along. Records of Write's own, so the decider never depends on the read models.

/// <summary>A product as a new line needs it (crm.products, read by the handler).</summary>
public sealed record ProductOnFile(Guid Id, string Code, string Name, string? Unit, decimal Price, string Currency, bool OnShelf);

/// <summary>A pipeline as configured now: its stages in order (open ones, then one won and one lost stage).</summary>
public sealed record PipelineOnFile(Guid Id, IReadOnlyList<PipelineStage> Stages)
{
    public IEnumerable<PipelineStage> Open => Stages.Where(s => s.Outcome == StageOutcome.Open);

    public PipelineStage? Find(Guid stageId) => Stages.FirstOrDefault(s => s.StageId == stageId);

    public PipelineStage? Closing(string outcome) => Stages.FirstOrDefault(s => s.Outcome == outcome);

    public StageSnapshot Snapshot(PipelineStage stage) => new(Id, stage.StageId, stage.Name, stage.WinRate, stage.Outcome);
}

/// <summary>One line as sent. <paramref name="LineId"/> of an existing line with the same product keeps that line's snapshot.</summary>
/// <param name="UnitPrice">Null: the product's list price (an existing line: its own unit price).</param>
/// <param name="DiscountPercent">0–100; null: 0.</param>
public sealed record LineInput(Guid LineId, Guid? ProductId, decimal? Quantity, decimal? UnitPrice, decimal? DiscountPercent);

/// <summary>A line as the client sent it; a line without an id gets a fresh one from the handler.</summary>
public sealed record SentLine(Guid? LineId, Guid? ProductId, decimal? Quantity, decimal? UnitPrice, decimal? DiscountPercent)
{
    public LineInput WithId() => new(LineId ?? Guid.CreateVersion7(), ProductId, Quantity, UnitPrice, DiscountPercent);
}
