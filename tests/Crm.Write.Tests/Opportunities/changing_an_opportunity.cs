using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Opportunities.OpportunitySpecification;

namespace Crm.Write.Tests.Opportunities;

public sealed class changing_an_opportunity
{
    private static readonly OpportunityWon Closed = new(Id, CustomerId, Snap(Initial), Snap(Won), new Money(87.49m, "CNY"), At);

    [Fact]
    public void an_edit_names_each_changed_field_old_to_new_and_an_unchanged_one_writes_nothing()
    {
        ThenEvents(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput(ExpectedCloseDate: "2026-04-30", Remark: " Call back ")), Given(Created()),
            As(Owner)), new OpportunityEdited(Id, [new FieldChange("expectedCloseDate", null, "2026-04-30"), new FieldChange("remark", null, "Call back")]));
        ThenNothing(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput("Spring order")), Given(Created()), As(Owner)));
        var custom = System.Text.Json.JsonDocument.Parse("{ \"budget\" :  5000 }").RootElement;
        ThenEvents(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput(Custom: custom)), Given(Created()), As(Owner)),
            new OpportunityEdited(Id, [new FieldChange("custom", null, "{\"budget\":5000}")]));
    }

    [Fact]
    public void the_amount_is_set_by_hand_and_given_back_to_the_lines_total()
    {
        var given = Given(Created(WidgetLine));
        ThenEvents(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput(), Amount: 100m), given, As(Owner)),
            new OpportunityAmountSet(Id, new Money(100.00m, "CNY"), new Money(87.49m, "CNY"), true));
        var byHand = Given(Created(WidgetLine), new OpportunityAmountSet(Id, new Money(100.00m, "CNY"), new Money(87.49m, "CNY"), true));
        ThenEvents(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput(), AmountFromLines: true), byHand, As(Owner)),
            new OpportunityAmountSet(Id, new Money(87.49m, "CNY"), new Money(100.00m, "CNY"), false));
        ThenNothing(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput(), AmountFromLines: true), given, As(Owner)));
        ThenRefused(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput(), Amount: -5m), given, As(Owner)), ErrorKind.Validation,
            "amount_out_of_range", "amount");
    }

    [Fact]
    public void new_lines_replace_the_old_and_a_kept_line_keeps_its_snapshot_even_off_shelf()
    {
        var given = Given(Created(WidgetLine));
        var offShelf = new Dictionary<Guid, ProductOnFile> { [Widget.Id] = Widget with { OnShelf = false, Name = "Renamed", Price = 50m } };
        var changed = Single<OpportunityLinesChanged>(Opportunity.Decide(
            new ChangeOpportunityLines(Id, [Line(Widget.Id, 6, lineId: LineId)], offShelf), given, As(Owner)));
        Assert.Equal(("Widget", 33.33m, 199.98m), (changed.Lines[0].ProductName, changed.Lines[0].UnitPrice.Amount, changed.Lines[0].Subtotal.Amount));
        Assert.Equal((199.98m, 87.49m), (changed.Amount.Amount, changed.PreviousAmount.Amount));
        ThenRefused(Opportunity.Decide(new ChangeOpportunityLines(Id, [Line(Widget.Id, 6)], offShelf), given, As(Owner)), ErrorKind.Unprocessable,
            "product_off_shelf", "lines[0].productId");
        ThenNothing(Opportunity.Decide(new ChangeOpportunityLines(Id, [Line(Widget.Id, 3, discount: 12.5m, lineId: LineId)], OpportunitySpecification.Products), given, As(Owner)));
    }

    [Fact]
    public void lines_leave_an_amount_set_by_hand_alone()
    {
        var byHand = Given(Created(), new OpportunityAmountSet(Id, new Money(500.00m, "CNY"), new Money(0.00m, "CNY"), true));
        var changed = Single<OpportunityLinesChanged>(Opportunity.Decide(new ChangeOpportunityLines(Id, [Line(Widget.Id)], OpportunitySpecification.Products), byHand, As(Owner)));
        Assert.Equal(500.00m, changed.Amount.Amount);
    }

    [Fact]
    public void a_closed_opportunity_refuses_edits_and_lines_and_a_missing_one_is_not_found()
    {
        var closed = Given(Created(), Closed);
        ThenRefused(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput("Later")), closed, As(Owner)), ErrorKind.Conflict, "opportunity_closed");
        ThenRefused(Opportunity.Decide(new ChangeOpportunityLines(Id, [], OpportunitySpecification.Products), closed, As(Owner)), ErrorKind.Conflict, "opportunity_closed");
        ThenRefused(Opportunity.Decide(new EditOpportunity(Id, new OpportunityInput("X")), OpportunityState.None, As(Owner)), ErrorKind.NotFound,
            "opportunity_not_found");
        ThenRefused(Opportunity.Decide(new ChangeOpportunityLines(Id, [], OpportunitySpecification.Products), Given(Created(), new OpportunityDeleted(Id)), As(Owner)),
            ErrorKind.NotFound, "opportunity_not_found");
    }

    [Fact]
    public void a_follow_up_is_filed_with_the_customer_and_a_delete_ends_the_opportunity()
    {
        var followUp = Guid.CreateVersion7();
        ThenEvents(Opportunity.Decide(new FollowUpOpportunity(Id, followUp, "communication", " Sent it ", null), Given(Created(), Closed), As(Owner)),
            new OpportunityFollowedUp(Id, CustomerId, followUp, "communication", "Sent it", null, At));
        ThenInvalid(Opportunity.Decide(new FollowUpOpportunity(Id, followUp, "phone", "", At.AddDays(-1)), Given(Created()), As(Owner)),
            ("kind", "kind_invalid"), ("content", "content_required"), ("nextContactAt", "next_contact_in_past"));
        ThenEvents(Opportunity.Decide(new DeleteOpportunity(Id), Given(Created()), As(Owner)), new OpportunityDeleted(Id));
        ThenRefused(Opportunity.Decide(new DeleteOpportunity(Id), Given(Created(), new OpportunityDeleted(Id)), As(Owner)), ErrorKind.NotFound,
            "opportunity_not_found");
    }
}
