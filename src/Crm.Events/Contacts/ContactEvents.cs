namespace Crm.Events.Contacts;

/// <summary>A contact person of a customer was created (CUS-8).</summary>
public sealed record ContactCreated(Guid ContactId, Guid CustomerId, ContactFields Fields, Guid OwnerId);

/// <summary>
/// Fields of a contact changed; each change names the field with its old and new value. <paramref name="RestoredFromVersion"/>, when set,
/// is the cause: the fields were put back to what they were at that version (SET-4 restore).
/// </summary>
public sealed record ContactEdited(
    Guid ContactId, [property: PersonalChanges(typeof(ContactFields))] IReadOnlyList<FieldChange> Changes, long? RestoredFromVersion = null);

public sealed record ContactFollowedUp(Guid ContactId, Guid FollowUpId, string Kind, string Content, DateTimeOffset? NextContactAt);

/// <summary>
/// The contact moved to another owner: by itself, or because its customer was transferred with the
/// contacts cascade (<paramref name="WithCustomer"/>), in the same transaction as the customer.
/// </summary>
public sealed record ContactTransferred(Guid ContactId, Guid OwnerId, Guid PreviousOwnerId, bool WithCustomer);

/// <summary>
/// The contact's personal data was erased (docs/event-store.md, "Erasure"): every earlier event of the stream shows
/// <see cref="PersonalData.Erased"/> where a value of <paramref name="Fields"/> was.
/// </summary>
public sealed record ContactPersonalDataErased(Guid ContactId, string Reason, IReadOnlyList<string> Fields, DateTimeOffset At);

/// <summary>
/// The contact now belongs to <paramref name="CustomerId"/>: its customer, <paramref name="PreviousCustomerId"/>, was merged into that one
/// (SET-4), in the same transaction as the customers' merge events. The owner stays.
/// </summary>
public sealed record ContactCustomerChanged(Guid ContactId, Guid CustomerId, Guid PreviousCustomerId, DateTimeOffset At);
