using Crm.EventStore;
using Crm.Events;
using Crm.Events.Contacts;
using Crm.Write.Erasure;

namespace Crm.Write.Contacts;

/// <summary>Contact fields as sent: raw text. In an edit, null leaves a field as is and an empty string clears it.</summary>
public sealed record ContactInput(
    string? Name = null, string? Title = null, string? Phone = null, string? Email = null, string? Address = null, string? Remark = null)
{
    public ContactInput Over(ContactFields current) => new(
        Name ?? current.Name, Title ?? current.Title, Phone ?? current.Phone, Email ?? current.Email, Address ?? current.Address, Remark ?? current.Remark);

    public (ContactFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var fields = new ContactFields(
            checks.Text("name", Name, 100, required: true) ?? "",
            checks.Text("title", Title, 50),
            checks.Phone("phone", Phone),
            checks.Email("email", Email),
            checks.Text("address", Address, 200),
            checks.Text("remark", Remark, 2000));
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }
}

/// <param name="CustomerExists">Looked up by the caller; a contact always belongs to an existing customer.</param>
/// <param name="OwnerId">Normally the customer's owner: a contact's owner follows its customer's.</param>
public sealed record CreateContact(Guid ContactId, Guid CustomerId, ContactInput Fields, Guid OwnerId, bool CustomerExists);

public sealed record EditContact(Guid ContactId, ContactInput Fields);

public sealed record FollowUpContact(Guid ContactId, Guid FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

public sealed record TransferContact(Guid ContactId, Guid NewOwnerId);

/// <summary>A data subject's request to erase the contact's personal data (docs/event-store.md, "Erasure"); the reason is required.</summary>
public sealed record EraseContact(Guid ContactId, string? Reason);

/// <summary>The contact's part of a customer transfer with the contacts cascade (CUS-4), appended with the customer's events.</summary>
public sealed record FollowCustomerTransfer(Guid ContactId, Guid CustomerId, Guid NewOwnerId);

/// <param name="Erased">Erased, and no personal value recorded since (an edit of a personal field clears it).</param>
public sealed record ContactState(bool Exists, Guid Id, Guid CustomerId, ContactFields Fields, Guid OwnerId, bool Erased = false)
{
    public static ContactState None { get; } = new(false, Guid.Empty, Guid.Empty, new ContactFields(""), Guid.Empty);

    public static ContactState Evolve(ContactState state, object @event) => @event switch
    {
        ContactCreated e => new ContactState(true, e.ContactId, e.CustomerId, e.Fields, e.OwnerId),
        ContactEdited e => state with
        {
            Fields = state.Fields.Apply(e.Changes), Erased = ErasureRules.StillErased(state.Erased, e.Changes, ContactFields.Personal),
        },
        ContactTransferred e => state with { OwnerId = e.OwnerId },
        ContactCustomerChanged e => state with { CustomerId = e.CustomerId },
        ContactPersonalDataErased => state with { Fields = state.Fields.Erased(), Erased = true },
        // A file name may name a person: attached after an erasure, it is new personal data that the next erasure masks.
        Events.Attachments.AttachmentAdded => state with { Erased = false },
        _ => state,
    };
}

/// <summary>The contact decider (CUS-8): many contacts per customer, one per stream.</summary>
public static class Contact
{
    public const string StreamType = "contact";

    public static Decider<ContactState> Decider { get; } = new(StreamType, ContactState.None, ContactState.Evolve)
    {
        Snapshots = SnapshotPolicy.For<ContactState>(),
    };

    public static Decision Decide(CreateContact command, ContactState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("contact_exists", $"Contact {command.ContactId} already exists.", "id");
        if (!command.CustomerExists)
            return DomainError.Unprocessable("customerId", "customer_not_found", $"Customer {command.CustomerId} does not exist.");
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        return Decision.Accept(new ContactCreated(command.ContactId, command.CustomerId, fields!, command.OwnerId));
    }

    public static Decision Decide(EditContact command, ContactState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContactId);
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        if (invalid is not null) return invalid;
        var changes = state.Fields.ChangesTo(fields!);
        return changes.Count == 0 ? Decision.Nothing : Decision.Accept(new ContactEdited(state.Id, changes));
    }

    public static Decision Decide(FollowUpContact command, ContactState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContactId);
        if (FollowUpRules.Check(FollowUpRules.CustomerKinds, command.Kind, command.Content, command.NextContactAt, context.Now) is { } invalid) return invalid;
        return Decision.Accept(new ContactFollowedUp(state.Id, command.FollowUpId, command.Kind!, command.Content!.Trim(), command.NextContactAt));
    }

    public static Decision Decide(TransferContact command, ContactState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContactId);
        return state.OwnerId == command.NewOwnerId ? Decision.Nothing
            : Decision.Accept(new ContactTransferred(state.Id, command.NewOwnerId, state.OwnerId, false));
    }

    public static Decision Decide(FollowCustomerTransfer command, ContactState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContactId);
        if (state.CustomerId != command.CustomerId)
            return DomainError.Conflict("contact_of_another_customer", $"Contact {command.ContactId} does not belong to customer {command.CustomerId}.");
        return state.OwnerId == command.NewOwnerId ? Decision.Nothing
            : Decision.Accept(new ContactTransferred(state.Id, command.NewOwnerId, state.OwnerId, true));
    }

    public static Decision Decide(EraseContact command, ContactState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContactId);
        return ErasureRules.Decide("contact", state.Id, state.Erased, command.Reason, ContactFields.Personal,
            reason => new ContactPersonalDataErased(state.Id, reason, ContactFields.Personal, context.Now));
    }

    private static DomainError NotFound(Guid id) => DomainError.NotFound("contact_not_found", $"Contact {id} does not exist.");
}
