using System.Globalization;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Opportunities;

/// <summary>An opportunity's operation log (操作记录), read straight from its stream: the events are the audit trail.</summary>
public static class OpportunityHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            OpportunityCreated x => ("created", [.. OpportunityFieldText.Names.Select(n => new Change(n, null, x.Fields.Get(n))).Where(c => c.New is not null),
                new Change("customerId", null, x.CustomerId.ToString()), new Change("ownerId", null, x.OwnerId.ToString()),
                new Change("stage", null, x.Stage.Name), new Change("amount", null, x.Amount.ToString()), .. Lines(null, x.Lines)]),
            OpportunityEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            OpportunityLinesChanged x => ("lines_changed", [.. Lines(x.PreviousLines, x.Lines),
                new Change("amount", x.PreviousAmount.ToString(), x.Amount.ToString())]),
            OpportunityAmountSet x => ("amount_set", [new Change("amount", x.PreviousAmount.ToString(), x.Amount.ToString()),
                new Change("amountSetByHand", null, x.SetByHand ? "true" : "false")]),
            OpportunityStageAdvanced x => ("stage_advanced", [Stage(x.From, x.To)]),
            OpportunityWon x => ("won", [Stage(x.From, x.To)]),
            OpportunityLost x => ("lost", [Stage(x.From, x.To), new Change("lostReason", null, x.Reason)]),
            OpportunityReopened x => ("reopened", [Stage(x.From, x.To)]),
            OpportunityTransferred x => ("transferred", [new Change("ownerId", x.PreviousOwnerId.ToString(), x.OwnerId.ToString())]),
            OpportunityTeamMemberAdded x => ("team_member_added", [new Change("team." + x.UserId, null, x.Access)]),
            OpportunityTeamMemberAccessChanged x => ("team_member_access_changed", [new Change("team." + x.UserId, x.PreviousAccess, x.Access)]),
            OpportunityTeamMemberRemoved x => ("team_member_removed", [new Change("team." + x.UserId, x.PreviousAccess, null)]),
            OpportunityFollowedUp x => ("followed_up", [new Change("followUp", null, $"{x.Kind}: {x.Content}"),
                new Change("nextContactAt", null, x.NextContactAt?.ToString("O"))]),
            OpportunityDeleted => ("deleted", Array.Empty<Change>()),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static Change Stage(StageSnapshot from, StageSnapshot to) =>
        new("stage", $"{from.Name} ({Rate(from.WinRate)} %)", $"{to.Name} ({Rate(to.WinRate)} %)");

    private static string Rate(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);

    // One change for all lines: "2 × Widget (W-1) at 10.00 CNY −5 % = 19.00 CNY; …".
    private static Change[] Lines(IReadOnlyList<OpportunityLine>? before, IReadOnlyList<OpportunityLine> after) =>
        before is null && after.Count == 0 ? [] : [new Change("lines", before is null ? null : Text(before), Text(after))];

    private static string? Text(IReadOnlyList<OpportunityLine> lines) => lines.Count == 0 ? null : string.Join("; ", lines.Select(l =>
        FormattableString.Invariant($"{l.Quantity} × {l.ProductName} ({l.ProductCode}) at {l.UnitPrice} −{l.DiscountPercent} % = {l.Subtotal}")));
}
