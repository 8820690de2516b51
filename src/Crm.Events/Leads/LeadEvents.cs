namespace Crm.Events.Leads;

// Lead events carry previous values (owner, fields) next to new ones, so the operation log shows
// "old → new" from each event alone.

/// <summary>A lead was recorded (LEAD-1), owned by <paramref name="OwnerId"/>.</summary>
public sealed record LeadCreated(Guid LeadId, LeadFields Fields, Guid OwnerId);

/// <summary>Fields of a lead changed; each change names the field with its old and new value.</summary>
/// <param name="RestoredFromVersion">When set, the cause: the fields were put back to what they were at that version (SET-4 restore).</param>
public sealed record LeadEdited(
    Guid LeadId, [property: PersonalChanges(typeof(LeadFields))] IReadOnlyList<FieldChange> Changes, long? RestoredFromVersion = null);

/// <summary>A follow-up record (LEAD-2); the next contact time lands in the owner's schedule.</summary>
public sealed record LeadFollowedUp(Guid LeadId, Guid FollowUpId, string Kind, string Content, DateTimeOffset? NextContactAt);

/// <summary>The lead moved to another owner (LEAD-4).</summary>
public sealed record LeadTransferred(Guid LeadId, Guid OwnerId, Guid PreviousOwnerId);

/// <summary>The lead became a customer (LEAD-5), and optionally a contact; it is closed from now on.</summary>
public sealed record LeadConverted(Guid LeadId, Guid CustomerId, Guid? ContactId, Guid? OpportunityId = null);

/// <summary>The lead was put into the lead pool (LEAD-7) and has no owner until claimed.</summary>
public sealed record LeadPutInPool(Guid LeadId, Guid PreviousOwnerId, string? Reason);

/// <summary>A user took a lead out of the lead pool (LEAD-7).</summary>
public sealed record LeadClaimed(Guid LeadId, Guid OwnerId);

/// <summary>
/// The lead's personal data was erased (docs/event-store.md, "Erasure"): every earlier event of the stream shows
/// <see cref="PersonalData.Erased"/> where a value of <paramref name="Fields"/> was. A customer or contact the lead was converted
/// into keeps its own copy: erase it through its own route.
/// </summary>
public sealed record LeadPersonalDataErased(Guid LeadId, string Reason, IReadOnlyList<string> Fields, DateTimeOffset At);
