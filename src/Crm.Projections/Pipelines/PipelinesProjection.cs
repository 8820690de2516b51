using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Pipelines;

/// <summary>crm.pipelines, inline with the pipeline stream: opportunity commands read a pipeline right after it changed.</summary>
public sealed class PipelinesProjection() : TableProjection<PipelineRow>("crm.pipelines", PipelineSql.Binder)
{
    public override string Name => "crm.pipelines";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(PipelineCreated), typeof(PipelineRenamed), typeof(PipelineStagesChanged), typeof(PipelineMadeDefault),
        typeof(PipelineDefaultCleared), typeof(PipelineDeleted),
    ];

    protected override PipelineRow? Evolve(PipelineRow? current, Guid key, StoredEvent e) => PipelineRow.Evolve(current, e);
}
