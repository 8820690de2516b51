using System.Globalization;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Payments;

/// <summary>A payment's operation log (操作记录), read straight from its stream: the events are the audit trail.</summary>
public static class PaymentHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            PaymentRecorded x => ("recorded", [new Change("contractId", null, x.ContractId.ToString()), .. Fields(null, x.Fields)]),
            PaymentEdited x => ("edited", Fields(x.Previous, x.Fields)),
            PaymentSubmitted x => ("submitted", [new Change("status", "draft", "pending"), new Change("submissionId", null, x.SubmissionId.ToString())]),
            PaymentApproved x => ("approved", [new Change("status", "pending", "approved"),
                new Change("approvedVersion", null, x.ApprovedVersion.ToString(CultureInfo.InvariantCulture))]),
            PaymentRejected x => ("rejected", [new Change("status", "pending", "rejected"), new Change("reason", null, x.Reason)]),
            PaymentWithdrawn => ("withdrawn", [new Change("status", "pending", "draft")]),
            PaymentDeleted => ("deleted", Array.Empty<Change>()),
            _ => (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static Change[] Fields(Crm.Events.PaymentFields? before, Crm.Events.PaymentFields after) =>
        new (string Name, Func<Crm.Events.PaymentFields, string?> Get)[]
        {
            ("amount", f => f.Amount.ToString()), ("receivedOn", f => f.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("planId", f => f.PlanId?.ToString()), ("method", f => f.Method), ("remark", f => f.Remark),
        }.Select(f => new Change(f.Name, before is null ? null : f.Get(before), f.Get(after))).Where(c => c.Old != c.New).ToArray();
}
