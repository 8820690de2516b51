using System.Globalization;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Customers;

/// <summary>A customer's operation log (操作记录), read straight from its stream: the events are the audit trail.</summary>
public static class CustomerHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            CustomerCreated x => ("created", [.. Crm.Events.CustomerFields.Names.Select(n => new Change(n, null,
                x.Fields.Get(n))).Where(c => c.New is not null),
                .. Crm.Events.CustomChanges.Between(null, x.Fields.Custom).Select(c => new Change(c.Field, null, c.New)),
                new Change("ownerId", null, x.OwnerId.ToString())]),
            CustomerEdited { RestoredFromVersion: { } from } x => ("restored", [
                new Change("restoredFromVersion", null, from.ToString(CultureInfo.InvariantCulture)),
                .. x.Changes.Select(c => new Change(c.Field, c.Old, c.New))]),
            CustomerEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            CustomerFollowedUp x => ("followed_up", [new Change("followUp", null, $"{x.Kind}: {x.Content}"),
                new Change("nextContactAt", null, x.NextContactAt?.ToString("O"))]),
            CustomerTeamMemberAdded x => ("team_member_added", [new Change("team." + x.UserId, null, x.Access)]),
            CustomerTeamMemberAccessChanged x => ("team_member_access_changed", [new Change("team." + x.UserId, x.PreviousAccess, x.Access)]),
            CustomerTeamMemberRemoved x => ("team_member_removed", [new Change("team." + x.UserId, x.PreviousAccess, null)]),
            CustomerTransferred x => ("transferred", [new Change("ownerId", x.PreviousOwnerId.ToString(), x.OwnerId.ToString())]),
            CustomerLocked => ("locked", [new Change("locked", "false", "true")]),
            CustomerUnlocked => ("unlocked", [new Change("locked", "true", "false")]),
            CustomerPutInPool x => ("put_in_pool", [new Change("ownerId", x.PreviousOwnerId.ToString(), null)]),
            CustomerRecycled x => ("recycled", [new Change("ownerId", x.PreviousOwnerId.ToString(), null), new Change("reason", null,
                $"{x.RuleName}: {x.Reason}")]),
            CustomerRecyclingWarned x => ("recycling_warned", [new Change("recycleAt", null, x.RecycleAt.ToString("O"))]),
            CustomerClaimed x => ("claimed", [new Change("ownerId", null, x.OwnerId.ToString())]),
            CustomerAssigned x => ("assigned", [new Change("ownerId", null, x.OwnerId.ToString())]),
            CustomerPersonalDataErased x => ("personal_data_erased", ErasureChanges.Of(x.Reason, x.Fields)),
            CustomerArchived x => ("archived", [new Change("archived", "false", "true"), new Change("reason", null, x.Reason)]),
            CustomerUnarchived => ("unarchived", [new Change("archived", "true", "false")]),
            CustomerMergedFrom x => ("merged_from", [new Change("mergedFrom", null, x.MergedId.ToString()),
                .. x.ContactIds.Select(c => new Change("contact." + c, x.MergedId.ToString(), x.CustomerId.ToString()))]),
            CustomerMergedInto x => ("merged_into", [new Change("mergedInto", null, x.SurvivorId.ToString())]),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
