using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Contracts;

/// <summary>A contract's operation log (操作记录), read straight from its stream: the events are the audit trail.</summary>
public static class ContractHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            ContractCreated x => ("created", [new Change("number", null, x.Number),
                .. ContractFieldText.Names.Select(n => new Change(n, null, x.Fields.Get(n))).Where(c => c.New is not null),
                new Change("customerId", null, x.CustomerId.ToString()), new Change("opportunityId", null, x.OpportunityId?.ToString()),
                new Change("ownerId", null, x.OwnerId.ToString()), new Change("amount", null, x.Amount.ToString()), .. Lines(null, x.Lines)]),
            ContractEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            ContractLinesChanged x => ("lines_changed", [.. Lines(x.PreviousLines, x.Lines),
                new Change("amount", x.PreviousAmount.ToString(), x.Amount.ToString())]),
            ContractAmountSet x => ("amount_set", [new Change("amount", x.PreviousAmount.ToString(), x.Amount.ToString()),
                new Change("amountSetByHand", null, x.SetByHand ? "true" : "false")]),
            ContractSubmitted x => ("submitted", [Status(ApprovalStatus.Draft, ApprovalStatus.Pending),
                new Change("submissionId", null, x.SubmissionId.ToString())]),
            ContractApproved x => ("approved", [Status(ApprovalStatus.Pending, ApprovalStatus.Approved),
                new Change("approvedVersion", null, x.ApprovedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            ContractRejected x => ("rejected", [Status(ApprovalStatus.Pending, ApprovalStatus.Rejected), new Change("rejectReason", null, x.Reason)]),
            ContractWithdrawn => ("withdrawn", [Status(ApprovalStatus.Pending, ApprovalStatus.Draft)]),
            ContractVoided x => ("voided", [Status(x.PreviousStatus, ApprovalStatus.Voided), new Change("voidReason", null, x.Reason)]),
            ContractTransferred x => ("transferred", [new Change("ownerId", x.PreviousOwnerId.ToString(), x.OwnerId.ToString())]),
            ContractTeamMemberAdded x => ("team_member_added", [new Change("team." + x.UserId, null, x.Access)]),
            ContractTeamMemberAccessChanged x => ("team_member_access_changed", [new Change("team." + x.UserId, x.PreviousAccess, x.Access)]),
            ContractTeamMemberRemoved x => ("team_member_removed", [new Change("team." + x.UserId, x.PreviousAccess, null)]),
            PaymentPlanAdded x => ("payment_plan_added", [new Change("plans." + x.Plan.PlanId, null, Plan(x.Plan))]),
            PaymentPlanChanged x => ("payment_plan_changed", [new Change("plans." + x.Plan.PlanId, Plan(x.Previous), Plan(x.Plan))]),
            PaymentPlanRemoved x => ("payment_plan_removed", [new Change("plans." + x.Previous.PlanId, Plan(x.Previous), null)]),
            ContractDeleted => ("deleted", Array.Empty<Change>()),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static Change Status(string from, string to) => new("status", from, to);

    // "#2: 500.00 CNY on 2026-05-01 (transfer), remind 7 days before".
    private static string Plan(PaymentPlanEntry p) =>
        FormattableString.Invariant($"#{p.Instalment}: {p.Amount} on {p.PlannedOn:yyyy-MM-dd}{(p.Method is null ? "" : $" ({p.Method})")}")
        + (p.RemindDaysBefore is { } days ? FormattableString.Invariant($", remind {days} days before") : "");

    private static Change[] Lines(IReadOnlyList<OpportunityLine>? before, IReadOnlyList<OpportunityLine> after) =>
        before is null && after.Count == 0 ? [] : [new Change("lines", before is null ? null : Text(before), Text(after))];

    private static string? Text(IReadOnlyList<OpportunityLine> lines) => lines.Count == 0 ? null : string.Join("; ", lines.Select(l =>
        FormattableString.Invariant($"{l.Quantity} × {l.ProductName} ({l.ProductCode}) at {l.UnitPrice} −{l.DiscountPercent} % = {l.Subtotal}")));
}
