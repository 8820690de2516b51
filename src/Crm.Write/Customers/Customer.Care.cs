using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Tasks;
using Crm.Write.Contacts;
using Crm.Write.Tasks;

namespace Crm.Write.Customers;

/// <summary>Archive a customer untouched for a while (clean-up); <paramref name="UntouchedSince"/> is its last change as the row shows it.</summary>
public sealed record ArchiveCustomer(Guid CustomerId, string? Reason, DateTimeOffset UntouchedSince);

public sealed record UnarchiveCustomer(Guid CustomerId);

/// <summary>Put the customer's fields back to what they were at <paramref name="Version"/>, as a new edit.</summary>
public sealed record RestoreCustomer(Guid CustomerId, long Version);

/// <summary>Merge the duplicate <paramref name="MergedId"/> into <paramref name="SurvivorId"/>.</summary>
public sealed record MergeCustomers(Guid SurvivorId, Guid MergedId);

/// <summary>Record care (SET-4): archive, restore to an earlier version, merge duplicates.</summary>
public static partial class Customer
{
    public const int MaxReason = 500;

    /// <summary>A merged customer takes no more writes: 409 customer_merged, naming the survivor (mergedInto).</summary>
    public static DomainError? Closed(CustomerState state) => state.MergedInto is { } survivor ? MergedAway(state.Id, survivor) : null;

    /// <summary>409 customer_merged: <paramref name="customerId"/> was merged into <paramref name="survivor"/> (named as mergedInto).</summary>
    public static DomainError MergedAway(Guid customerId, Guid survivor, string? field = null) =>
        DomainError.Conflict("customer_merged", $"Customer {customerId} was merged into customer {survivor}: change that one instead.", field)
            with { Extensions = new Dictionary<string, object> { ["mergedInto"] = survivor } };

    public static Decision Decide(ArchiveCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (Closed(state) is { } closed) return closed;
        if (command.Reason is { Length: > MaxReason })
            return DomainError.Invalid("reason", "reason_too_long", $"reason has at most {MaxReason} characters.");
        if (state.Archived) return Decision.Nothing;
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        return Decision.Accept(new CustomerArchived(state.Id, reason, command.UntouchedSince, context.Now));
    }

    public static Decision Decide(UnarchiveCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (Closed(state) is { } closed) return closed;
        return state.Archived ? Decision.Accept(new CustomerUnarchived(state.Id, context.Now)) : Decision.Nothing;
    }

    /// <summary>
    /// The fields of <paramref name="then"/> (the customer folded to <see cref="RestoreCustomer.Version"/>) over the current ones, as one
    /// CustomerEdited naming the version as its cause; an archived customer is unarchived when it was not archived then. Owner, team,
    /// lock and pool have commands of their own and are not restored. A value an erasure masked cannot come back: such fields keep
    /// their current value.
    /// </summary>
    public static Decision Decide(RestoreCustomer command, CustomerState state, long version, CustomerState then, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (Closed(state) is { } closed) return closed;
        if (command.Version < 1 || command.Version > version || !then.Exists)
            return DomainError.Invalid("version", "version_out_of_range", $"version is 1 to {version}, the customer's current version.");
        var changes = state.Fields.ChangesTo(then.Fields).Where(c => c.New != PersonalData.Erased).ToList();
        var events = new List<object>();
        if (changes.Count > 0) events.Add(new CustomerEdited(state.Id, changes, command.Version));
        if (state.Archived && !then.Archived) events.Add(new CustomerUnarchived(state.Id, context.Now));
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    /// <summary>
    /// A merge as one decision over the survivor, the merged customer and each of the merged customer's contacts (all of them: a
    /// contact never stays with a closed customer), and the <paramref name="tasks"/> linked to it that the caller may change: their
    /// link moves to the survivor. Merging a customer already merged into the survivor changes nothing.
    /// </summary>
    public static MultiStreamDecision Decide(MergeCustomers command, CustomerState survivor, CustomerState merged, IReadOnlyList<ContactState> contacts,
        CommandContext context, IReadOnlyList<TaskState>? tasks = null)
    {
        if (command.SurvivorId == command.MergedId)
            return DomainError.Invalid("mergedId", "merge_same_customer", "A customer cannot be merged into itself.");
        if (!survivor.Exists) return NotFound(command.SurvivorId);
        if (!merged.Exists) return NotFound(command.MergedId);
        if (Closed(survivor) is { } closed) return closed;
        if (merged.MergedInto == survivor.Id) return new MultiStreamDecision([], null);
        if (Closed(merged) is { } gone) return gone;
        if (contacts.FirstOrDefault(c => c.CustomerId != merged.Id) is { } stray)
            return DomainError.Conflict("contact_of_another_customer", $"Contact {stray.Id} does not belong to customer {merged.Id}.");
        var contactIds = contacts.Select(c => c.Id).ToList();
        var changes = new List<StreamChange>
        {
            new(survivor.Id, StreamType, [new CustomerMergedFrom(survivor.Id, merged.Id, contactIds, context.Now)]),
            new(merged.Id, StreamType, [new CustomerMergedInto(merged.Id, survivor.Id, contactIds, context.Now)]),
        };
        changes.AddRange(contacts.Select(c => new StreamChange(c.Id, Contact.StreamType,
            [new ContactCustomerChanged(c.Id, survivor.Id, merged.Id, context.Now)])));
        var (from, to) = (new RelatedRecord(StreamType, merged.Id), new RelatedRecord(StreamType, survivor.Id));
        changes.AddRange((tasks ?? []).Where(t => t.Related.Contains(from)).Select(t => new StreamChange(t.Id, WorkTask.StreamType,
            [new TaskRelatedChanged(t.Id, t.Related.Contains(to) ? [] : [to], [from])])));
        return new MultiStreamDecision(changes, null);
    }
}
