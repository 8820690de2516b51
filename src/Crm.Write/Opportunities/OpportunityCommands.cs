using Crm.Events;

namespace Crm.Write.Opportunities;

// Commands carry what the rules need from outside the stream, looked up by the handler (the pipeline, the products of new
// lines); the decider stays pure. A null pipeline means none could be found (no default one, or it was deleted).

/// <param name="Currency">Null: the first line's product currency; required when there are no lines.</param>
/// <param name="Amount">Null: the lines' total; a number sets the amount by hand.</param>
public sealed record CreateOpportunity(
    Guid OpportunityId, Guid CustomerId, OpportunityInput Fields, IReadOnlyList<LineInput> Lines, string? Currency, decimal? Amount, Guid OwnerId,
    PipelineOnFile? Pipeline, IReadOnlyDictionary<Guid, ProductOnFile> Products, Guid? LeadId = null);

/// <param name="Amount">A number sets the amount by hand.</param>
/// <param name="AmountFromLines">True gives the amount back to the lines' total.</param>
public sealed record EditOpportunity(Guid OpportunityId, OpportunityInput Fields, decimal? Amount = null, bool AmountFromLines = false);

public sealed record ChangeOpportunityLines(Guid OpportunityId, IReadOnlyList<LineInput> Lines, IReadOnlyDictionary<Guid, ProductOnFile> Products);

public sealed record AdvanceOpportunity(Guid OpportunityId, Guid? StageId, PipelineOnFile? Pipeline);

public sealed record WinOpportunity(Guid OpportunityId, PipelineOnFile? Pipeline);

public sealed record LoseOpportunity(Guid OpportunityId, string? Reason, PipelineOnFile? Pipeline);

/// <param name="StageId">Null: the last open stage it was at.</param>
public sealed record ReopenOpportunity(Guid OpportunityId, Guid? StageId, PipelineOnFile? Pipeline);

/// <param name="KeepPreviousOwnerAs">Null, or the team access (read / read_write) the previous owner keeps.</param>
public sealed record TransferOpportunity(Guid OpportunityId, Guid NewOwnerId, string? KeepPreviousOwnerAs = null);

public sealed record AddOpportunityTeamMember(Guid OpportunityId, Guid UserId, string? Access);

public sealed record ChangeOpportunityTeamMember(Guid OpportunityId, Guid UserId, string? Access);

public sealed record RemoveOpportunityTeamMember(Guid OpportunityId, Guid UserId);

public sealed record FollowUpOpportunity(Guid OpportunityId, Guid FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

public sealed record DeleteOpportunity(Guid OpportunityId);
