namespace Crm.Events.Sales;

// Contracts (合同, SAL-3) are owned like customers (owner + team) and belong to one customer. A contract goes through
// approval (SAL-4): its stream records each submission, approval, rejection and withdrawal, each naming the submission
// stream (Approvals/ApprovalEvents.cs) that holds the steps. Pending and approved contracts are locked.

/// <summary>
/// A contract was written, as a draft. <paramref name="Number"/> was generated from the configured pattern;
/// <paramref name="Amount"/> is the lines' total unless <paramref name="AmountSetByHand"/>.
/// </summary>
public sealed record ContractCreated(
    Guid ContractId,
    string Number,
    Guid CustomerId,
    Guid? OpportunityId,
    ContractFields Fields,
    IReadOnlyList<OpportunityLine> Lines,
    Money Amount,
    bool AmountSetByHand,
    Guid OwnerId,
    DateTimeOffset At);

/// <summary>Built-in fields changed, each old → new as text (dates yyyy-MM-dd, custom as JSON).</summary>
public sealed record ContractEdited(Guid ContractId, IReadOnlyList<FieldChange> Changes);

/// <summary>The product lines were replaced; the amount follows them unless it was set by hand.</summary>
public sealed record ContractLinesChanged(
    Guid ContractId,
    IReadOnlyList<OpportunityLine> Lines,
    IReadOnlyList<OpportunityLine> PreviousLines,
    Money Amount,
    Money PreviousAmount);

/// <summary>The amount was set by hand (<paramref name="SetByHand"/>) or given back to the lines' total.</summary>
public sealed record ContractAmountSet(Guid ContractId, Money Amount, Money PreviousAmount, bool SetByHand);

/// <summary>The contract was submitted for approval (submission <paramref name="SubmissionId"/>): it is locked (pending).</summary>
public sealed record ContractSubmitted(Guid ContractId, Guid SubmissionId, DateTimeOffset At);

/// <summary>
/// The submission was approved: the contract is approved and locked. <paramref name="ApprovedVersion"/> is the contract's
/// stream version the approvers saw (the version right after <see cref="ContractSubmitted"/>). The customer's last deal is now.
/// </summary>
public sealed record ContractApproved(Guid ContractId, Guid CustomerId, Guid SubmissionId, long ApprovedVersion, Money Amount, DateTimeOffset At);

/// <summary>The submission was rejected, for a reason: the contract may be edited and submitted again.</summary>
public sealed record ContractRejected(Guid ContractId, Guid SubmissionId, string Reason, DateTimeOffset At);

/// <summary>The submitter withdrew the submission: the contract is a draft again.</summary>
public sealed record ContractWithdrawn(Guid ContractId, Guid SubmissionId, DateTimeOffset At);

/// <summary>The contract was voided (cancelled), for a reason; final.</summary>
public sealed record ContractVoided(Guid ContractId, string Reason, string PreviousStatus, DateTimeOffset At);

/// <summary>
/// The contract moved to another owner: by itself, or with its customer
/// (<paramref name="WithCustomerId"/>, CUS-4's cascadeToContracts, in the customer transfer's transaction).
/// </summary>
public sealed record ContractTransferred(
    Guid ContractId,
    Guid OwnerId,
    Guid PreviousOwnerId,
    string? PreviousOwnerKeptAs,
    Guid? WithCustomerId,
    DateTimeOffset At);

public sealed record ContractTeamMemberAdded(Guid ContractId, Guid UserId, string Access);

public sealed record ContractTeamMemberAccessChanged(Guid ContractId, Guid UserId, string Access, string PreviousAccess);

public sealed record ContractTeamMemberRemoved(Guid ContractId, Guid UserId, string PreviousAccess);

/// <summary>A draft or rejected contract was deleted; its history stays readable to auditors.</summary>
public sealed record ContractDeleted(Guid ContractId);

/// <summary>An instalment was added to the contract's payment plan (SAL-5). Plans are not approved fields: they may change while locked.</summary>
public sealed record PaymentPlanAdded(Guid ContractId, PaymentPlanEntry Plan);

/// <summary>An instalment changed; <paramref name="Previous"/> is how it stood.</summary>
public sealed record PaymentPlanChanged(Guid ContractId, PaymentPlanEntry Plan, PaymentPlanEntry Previous);

/// <summary>An instalment was removed from the plan.</summary>
public sealed record PaymentPlanRemoved(Guid ContractId, PaymentPlanEntry Previous);
