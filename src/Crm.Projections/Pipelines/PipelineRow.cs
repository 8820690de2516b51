using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Pipelines;

/// <summary>A pipeline as the API shows it; one row of crm.pipelines.</summary>
public sealed record PipelineRow(
    Guid Id, string Name, bool IsDefault, IReadOnlyList<PipelineStage> Stages, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The row after an event; null once the pipeline is deleted.</summary>
    public static PipelineRow? Evolve(PipelineRow? row, StoredEvent e)
    {
        if (e.Data is PipelineCreated c) return new PipelineRow(c.PipelineId, c.Name, c.IsDefault, c.Stages, e.Version, e.Timestamp, e.Timestamp);
        if (row is null || e.Data is PipelineDeleted) return null;
        var next = e.Data switch
        {
            PipelineRenamed x => row with { Name = x.Name },
            PipelineStagesChanged x => row with { Stages = x.Stages },
            PipelineMadeDefault => row with { IsDefault = true },
            PipelineDefaultCleared => row with { IsDefault = false },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
