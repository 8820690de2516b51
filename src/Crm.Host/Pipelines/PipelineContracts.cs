using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Projections.Pipelines;
using Crm.Write.Pipelines;

namespace Crm.Host.Pipelines;

/// <summary>
/// One stage as sent. stageId keeps an existing stage (its identity in opportunities' history); leave it out for a new stage.
/// winRate is a percentage, 0 to 100 with at most two decimals (a won stage's is 100 and a lost stage's 0, and may be left out).
/// </summary>
/// <param name="Outcome">open (the default), won or lost.</param>
public sealed record StageRequest(
    Guid? StageId, [property: MustSend] string? Name, decimal? WinRate, [property: WireValues("open", "won", "lost")] string? Outcome)
{
    public StageInput ToInput() => new(StageId, Name, WinRate, Outcome);
}

/// <summary>A new pipeline: open stages first, then one won and one lost stage.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks one otherwise.</param>
/// <param name="IsDefault">Make it the default (the previous default stops being one); the first pipeline is the default anyway.</param>
public sealed record CreatePipelineRequest(
    Guid? Id, [property: MustSend] string? Name, [property: MustSend] IReadOnlyList<StageRequest>? Stages, bool? IsDefault);

/// <summary>Rename a pipeline and/or replace its stages (the whole list, in order); what is left out stays as it is.</summary>
public sealed record UpdatePipelineRequest(string? Name, IReadOnlyList<StageRequest>? Stages);

public sealed record StageResponse(Guid StageId, string Name, decimal WinRate, [property: WireValues("open", "won", "lost")] string Outcome)
{
    public static StageResponse From(PipelineStage s) => new(s.StageId, s.Name, s.WinRate, s.Outcome);
}

/// <summary>A pipeline as the API shows it; version is the ETag.</summary>
public sealed record PipelineResponse(
    Guid Id, string Name, bool IsDefault, IReadOnlyList<StageResponse> Stages, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PipelineResponse From(PipelineRow r) =>
        new(r.Id, r.Name, r.IsDefault, r.Stages.Select(StageResponse.From).ToList(), r.Version, r.CreatedAt, r.UpdatedAt);
}

public sealed record PipelineListResponse(IReadOnlyList<PipelineResponse> Items);

public sealed record PipelineHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
