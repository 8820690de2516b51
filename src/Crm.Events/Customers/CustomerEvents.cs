namespace Crm.Events.Customers;

// Customer events carry previous values next to new ones, so the operation log shows "old → new"
// from each event alone. Pool events name the owner who lost the customer: the claim-back cooldown
// (CUS-6) is derived from them. Events the pool rules measure time from carry their own time (At),
// because deciders fold event data only, not the stored envelope.

/// <summary>A customer was created (CUS-1), from scratch, by import or by converting a lead.</summary>
public sealed record CustomerCreated(Guid CustomerId, CustomerFields Fields, Guid OwnerId, Guid? LeadId, DateTimeOffset At);

/// <summary>
/// Fields of a customer changed; each change names the field with its old and new value. <paramref name="RestoredFromVersion"/>, when set,
/// is the cause: the fields were put back to what they were at that version (SET-4 restore).
/// </summary>
public sealed record CustomerEdited(
    Guid CustomerId, [property: PersonalChanges(typeof(CustomerFields))] IReadOnlyList<FieldChange> Changes, long? RestoredFromVersion = null);

/// <summary>A follow-up record of one of the CUS-2 kinds (communication, log, schedule, task, approval).</summary>
public sealed record CustomerFollowedUp(Guid CustomerId, Guid FollowUpId, string Kind, string Content, DateTimeOffset? NextContactAt, DateTimeOffset At);

/// <summary>A colleague joined the customer's team (CUS-3) with read or read-write access.</summary>
public sealed record CustomerTeamMemberAdded(Guid CustomerId, Guid UserId, string Access);

public sealed record CustomerTeamMemberAccessChanged(Guid CustomerId, Guid UserId, string Access, string PreviousAccess);

public sealed record CustomerTeamMemberRemoved(Guid CustomerId, Guid UserId, string PreviousAccess);

/// <summary>
/// The customer moved to another owner (CUS-4). The cascade options are kept as asked, and
/// <paramref name="ContactIds"/> lists the contact streams moved in the same transaction, and
/// <paramref name="OpportunityIds"/> the opportunity streams (cascadeToOpportunities: the open ones the
/// previous owner owned; null without that cascade). The contracts moved by cascadeToContracts are not
/// listed here: each records its own ContractTransferred naming this customer (WithCustomerId), in the same transaction.
/// </summary>
public sealed record CustomerTransferred(
    Guid CustomerId,
    Guid OwnerId,
    Guid PreviousOwnerId,
    bool CascadeToContacts,
    bool CascadeToOpportunities,
    bool CascadeToContracts,
    IReadOnlyList<Guid> ContactIds,
    string? PreviousOwnerKeptAs,
    DateTimeOffset At,
    IReadOnlyList<Guid>? OpportunityIds = null);

/// <summary>The customer was locked (CUS-5): it is never recycled to the public pool while locked.</summary>
public sealed record CustomerLocked(Guid CustomerId);

public sealed record CustomerUnlocked(Guid CustomerId);

/// <summary>The owner (or a superior) put the customer into the public pool by hand (CUS-6).</summary>
public sealed record CustomerPutInPool(Guid CustomerId, Guid PreviousOwnerId, string? Reason, DateTimeOffset At);

/// <summary>
/// A recycling rule (CUS-7) returned the customer to the public pool. The rule's parameters are
/// copied in, so the log explains the recycling even after the rule is edited or deleted.
/// </summary>
public sealed record CustomerRecycled(
    Guid CustomerId,
    Guid PreviousOwnerId,
    Guid RuleId,
    string RuleName,
    int? DaysWithoutFollowUp,
    int? DaysWithoutDeal,
    string Reason,
    DateTimeOffset At);

/// <summary>
/// The owner was warned that a recycling rule will return the customer to the pool at
/// <paramref name="RecycleAt"/>. (RuleId, RecycleAt) names the cycle: one warning per cycle.
/// </summary>
public sealed record CustomerRecyclingWarned(Guid CustomerId, Guid OwnerId, Guid RuleId, DateTimeOffset RecycleAt);

/// <summary>A user claimed the customer from the public pool (CUS-6).</summary>
public sealed record CustomerClaimed(Guid CustomerId, Guid OwnerId, DateTimeOffset At);

/// <summary>A superior assigned the customer from the public pool to a user (CUS-6).</summary>
public sealed record CustomerAssigned(Guid CustomerId, Guid OwnerId, Guid? AssignedBy, DateTimeOffset At);

/// <summary>
/// The customer's personal data was erased (a PIPL/GDPR request; docs/event-store.md, "Erasure"): every earlier event of the stream
/// now shows <see cref="PersonalData.Erased"/> where a value of <paramref name="Fields"/> was. Who asked is the event's actor; the
/// event names the fields, never the values.
/// </summary>
public sealed record CustomerPersonalDataErased(Guid CustomerId, string Reason, IReadOnlyList<string> Fields, DateTimeOffset At);
