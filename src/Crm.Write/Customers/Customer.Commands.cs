namespace Crm.Write.Customers;

// Commands carry everything the rules need from outside the stream, looked up by the caller:
// duplicate candidates, counts, scope checks, contact ids, rule settings. The deciders stay pure.

/// <param name="Duplicates">Leads and customers with the same name, phone or email, from the read models.</param>
/// <param name="CreateAnyway">The client saw the candidates and means it.</param>
/// <param name="Custom">The customer kind's custom fields (SET-1), read by the handler; null: the custom object is not checked nor set.</param>
public sealed record CreateCustomer(
    Guid CustomerId, CustomerInput Fields, Guid OwnerId, Guid? LeadId = null,
    IReadOnlyList<DuplicateCandidate>? Duplicates = null, bool CreateAnyway = false, CustomFields.CustomFacts? Custom = null);

/// <summary>Only the fields sent (non-null) change; an empty string clears one; custom values change per key sent.</summary>
/// <param name="Custom">The custom fields the sent custom object is checked against, read by the handler.</param>
public sealed record EditCustomer(Guid CustomerId, CustomerInput Fields, CustomFields.CustomFacts? Custom = null);

public sealed record FollowUpCustomer(Guid CustomerId, Guid FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

public sealed record AddTeamMember(Guid CustomerId, Guid UserId, string? Access);

public sealed record ChangeTeamMemberAccess(Guid CustomerId, Guid UserId, string? Access);

public sealed record RemoveTeamMember(Guid CustomerId, Guid UserId);

/// <param name="ContactIds">The customer's contacts (from the read model); moved along when <paramref name="CascadeToContacts"/>.</param>
/// <param name="KeepPreviousOwnerAs">Null, or the team access (read / read_write) the previous owner keeps.</param>
public sealed record TransferCustomer(
    Guid CustomerId, Guid NewOwnerId, bool CascadeToContacts = false, bool CascadeToOpportunities = false,
    bool CascadeToContracts = false, string? KeepPreviousOwnerAs = null, IReadOnlyList<Guid>? ContactIds = null,
    IReadOnlyList<Guid>? OpportunityIds = null);

public sealed record LockCustomer(Guid CustomerId);

public sealed record UnlockCustomer(Guid CustomerId);

public sealed record PutCustomerInPool(Guid CustomerId, string? Reason);

/// <summary>The claimant is the actor (CommandContext.ActorId).</summary>
/// <param name="ClaimantOwnedCount">How many customers the claimant owns now (read model).</param>
/// <param name="ClaimLimit">The configured per-user limit; null: no limit.</param>
/// <param name="CooldownDays">Days a previous owner must wait before claiming back a customer it lost.</param>
public sealed record ClaimCustomer(Guid CustomerId, int ClaimantOwnedCount, int? ClaimLimit, int CooldownDays);

/// <summary>Whether the assignee may receive the customer (enabled, inside the assigner's scope) is the handler's receiver rule.</summary>
public sealed record AssignCustomer(Guid CustomerId, Guid UserId);

/// <summary>Evaluate one recycling rule against the customer now (the pool-recycling job sends one per rule).</summary>
/// <param name="LastDealAt">When the customer last won an opportunity (crm.customer_deals; the handler reads it); null: never.</param>
public sealed record ApplyRecyclingRule(Guid CustomerId, RecyclingRule Rule, DateTimeOffset? LastDealAt);
