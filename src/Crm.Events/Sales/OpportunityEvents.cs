namespace Crm.Events.Sales;

// Opportunities (商机, SAL-2) are owned like customers (owner + team) and belong to one customer.
// Stage events carry the stages as they were (StageSnapshot) and their own time (At): the funnel's
// time-in-stage figures are computed from these events alone.

/// <summary>
/// An opportunity was created at the pipeline's first stage, by hand or by converting a lead
/// (<paramref name="LeadId"/>). <paramref name="Amount"/> is the lines' total unless
/// <paramref name="AmountSetByHand"/>.
/// </summary>
public sealed record OpportunityCreated(
    Guid OpportunityId,
    Guid CustomerId,
    OpportunityFields Fields,
    IReadOnlyList<OpportunityLine> Lines,
    Money Amount,
    bool AmountSetByHand,
    Guid OwnerId,
    StageSnapshot Stage,
    Guid? LeadId,
    DateTimeOffset At);

/// <summary>Built-in fields changed, each old → new as text (amount as "1000.00 CNY").</summary>
public sealed record OpportunityEdited(Guid OpportunityId, IReadOnlyList<FieldChange> Changes);

/// <summary>The product lines were replaced; the amount follows them unless it was set by hand.</summary>
public sealed record OpportunityLinesChanged(
    Guid OpportunityId,
    IReadOnlyList<OpportunityLine> Lines,
    IReadOnlyList<OpportunityLine> PreviousLines,
    Money Amount,
    Money PreviousAmount);

/// <summary>The amount was set by hand (<paramref name="SetByHand"/>) or given back to the lines' total.</summary>
public sealed record OpportunityAmountSet(Guid OpportunityId, Money Amount, Money PreviousAmount, bool SetByHand);

/// <summary>The opportunity moved from one open stage to another (forward or back).</summary>
public sealed record OpportunityStageAdvanced(Guid OpportunityId, StageSnapshot From, StageSnapshot To, DateTimeOffset At);

/// <summary>The opportunity was won: it is closed at the won stage. The customer's last deal is now.</summary>
public sealed record OpportunityWon(Guid OpportunityId, Guid CustomerId, StageSnapshot From, StageSnapshot To, Money Amount, DateTimeOffset At);

/// <summary>The opportunity was lost, for a reason: it is closed at the lost stage.</summary>
public sealed record OpportunityLost(Guid OpportunityId, StageSnapshot From, StageSnapshot To, string Reason, DateTimeOffset At);

/// <summary>A closed opportunity was opened again at an open stage.</summary>
public sealed record OpportunityReopened(Guid OpportunityId, StageSnapshot From, StageSnapshot To, DateTimeOffset At);

/// <summary>
/// The opportunity moved to another owner: by itself, or with its customer
/// (<paramref name="WithCustomerId"/>, CUS-4's cascadeToOpportunities, in the customer transfer's transaction).
/// </summary>
public sealed record OpportunityTransferred(
    Guid OpportunityId,
    Guid OwnerId,
    Guid PreviousOwnerId,
    string? PreviousOwnerKeptAs,
    Guid? WithCustomerId,
    DateTimeOffset At);

public sealed record OpportunityTeamMemberAdded(Guid OpportunityId, Guid UserId, string Access);

public sealed record OpportunityTeamMemberAccessChanged(Guid OpportunityId, Guid UserId, string Access, string PreviousAccess);

public sealed record OpportunityTeamMemberRemoved(Guid OpportunityId, Guid UserId, string PreviousAccess);

/// <summary>A follow-up (the CUS-2 kinds); listed under the opportunity and under its customer.</summary>
public sealed record OpportunityFollowedUp(
    Guid OpportunityId,
    Guid CustomerId,
    Guid FollowUpId,
    string Kind,
    string Content,
    DateTimeOffset? NextContactAt,
    DateTimeOffset At);

/// <summary>The opportunity was deleted; its history stays readable to auditors.</summary>
public sealed record OpportunityDeleted(Guid OpportunityId);
