namespace Crm.Events.Sales;

// A pipeline (销售流程) is an ordered list of stages with win rates, configured by administrators.
// Every pipeline has open stages, then exactly one won stage and one lost stage. Changing a pipeline
// changes only what later stage events record: opportunities' events carry StageSnapshot copies.

/// <summary>A pipeline was created; <paramref name="IsDefault"/>: new opportunities use it unless told otherwise.</summary>
public sealed record PipelineCreated(Guid PipelineId, string Name, IReadOnlyList<PipelineStage> Stages, bool IsDefault);

public sealed record PipelineRenamed(Guid PipelineId, string Name, string PreviousName);

/// <summary>The stages changed (added, removed, reordered, renamed, new win rates); both lists in full.</summary>
public sealed record PipelineStagesChanged(Guid PipelineId, IReadOnlyList<PipelineStage> Stages, IReadOnlyList<PipelineStage> PreviousStages);

/// <summary>The pipeline became the default one (the previous default's stream records PipelineDefaultCleared).</summary>
public sealed record PipelineMadeDefault(Guid PipelineId);

public sealed record PipelineDefaultCleared(Guid PipelineId);

/// <summary>The pipeline was deleted; only one no open opportunity follows can be.</summary>
public sealed record PipelineDeleted(Guid PipelineId);
