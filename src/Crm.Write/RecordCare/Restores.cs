using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Leads;
using Crm.Write.Contacts;
using Crm.Write.Leads;

namespace Crm.Write.RecordCare;

/// <summary>Put a record's fields back to what they were at <paramref name="Version"/>, as a new edit (SET-4).</summary>
public sealed record RestoreRecord(Guid Id, long Version);

/// <summary>
/// Restores of contacts and leads (customers: <see cref="Customers.Customer"/>): the fields of the record folded to the version asked
/// (<c>then</c>) over the current ones, as one edit naming the version as its cause. Owner and pool are not restored (they have their
/// commands); a value an erasure masked cannot come back, so such a field keeps its current value.
/// </summary>
public static class Restores
{
    public static DomainError? OutOfRange(long asked, long current, bool existedThen) => asked < 1 || asked > current || !existedThen
        ? DomainError.Invalid("version", "version_out_of_range", $"version is 1 to {current}, the record's current version.")
        : null;

    /// <summary>The changes a restore may make: none that would write back a value an erasure masked.</summary>
    public static List<FieldChange> Restorable(IEnumerable<FieldChange> changes) => changes.Where(c => c.New != PersonalData.Erased).ToList();

    public static Decision Decide(RestoreRecord command, ContactState state, long version, ContactState then)
    {
        if (!state.Exists) return DomainError.NotFound("contact_not_found", $"Contact {command.Id} does not exist.");
        if (OutOfRange(command.Version, version, then.Exists) is { } refused) return refused;
        var changes = Restorable(state.Fields.ChangesTo(then.Fields));
        return changes.Count == 0 ? Decision.Nothing : Decision.Accept(new ContactEdited(state.Id, changes, command.Version));
    }

    public static Decision Decide(RestoreRecord command, LeadState state, long version, LeadState then)
    {
        if (Lead.Closed(command.Id, state) is { } closed) return closed;
        if (OutOfRange(command.Version, version, then.Exists) is { } refused) return refused;
        var changes = Restorable(state.Fields.ChangesTo(then.Fields));
        return changes.Count == 0 ? Decision.Nothing : Decision.Accept(new LeadEdited(state.Id, changes, command.Version));
    }
}
