using Crm.Events;
using Crm.Events.Leads;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Notifications;

/// <summary>
/// A lead, an opportunity or a contract transferred to you (WORK-4 "records transferred to you"). An opportunity or contract moved with
/// its customer is not told apart: the customer's transfer tells the new owner (as a contact moved with its customer). A lead's name is
/// personal data: its erasure rewrites the lead's notifications (<see cref="ErasedText"/>) as it does a contact's.
/// </summary>
public static class TransferNotices
{
    public const string Lead = "lead_transferred";
    public const string Opportunity = "opportunity_transferred";
    public const string Contract = "contract_transferred";

    public const string LeadText = "Lead %name% was transferred to you.";

    /// <summary>The text a notification of this kind holds once its record is erased; null for kinds that name no person.</summary>
    public static string? ErasedText(string kind) => kind switch
    {
        NotificationsSubscription.ContactTransferred => NotificationsSubscription.ContactTransferredErasedText,
        Lead => LeadText.Replace("%name%", PersonalData.Erased, StringComparison.Ordinal),
        _ => null,
    };

    /// <summary>The record a transfer names, whose name the message carries.</summary>
    public static Guid? RecordOf(object data) => data switch
    {
        LeadTransferred x => x.LeadId, OpportunityTransferred x => x.OpportunityId, ContractTransferred x => x.ContractId, _ => null,
    };

    public static NotificationDue? Of(StoredEvent e, IReadOnlyDictionary<Guid, string> names)
    {
        NotificationDue Due(Guid user, string kind, string type, Guid record, string text) => new(e.EventId, user, kind, type, record,
            text.Replace("%name%", names.TryGetValue(record, out var n) ? n : record.ToString(), StringComparison.Ordinal), null,
            e.Metadata.ActorId, e.Timestamp);
        return e.Data switch
        {
            LeadTransferred x => Due(x.OwnerId, Lead, "lead", x.LeadId, LeadText),
            OpportunityTransferred { WithCustomerId: null } x =>
                Due(x.OwnerId, Opportunity, "opportunity", x.OpportunityId, "Opportunity %name% was transferred to you."),
            ContractTransferred { WithCustomerId: null } x => Due(x.OwnerId, Contract, "contract", x.ContractId, "Contract %name% was transferred to you."),
            _ => null,
        };
    }
}
