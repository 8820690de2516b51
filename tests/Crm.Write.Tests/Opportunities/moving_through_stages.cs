using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Opportunities.OpportunitySpecification;

namespace Crm.Write.Tests.Opportunities;

public sealed class moving_through_stages
{
    private static readonly OpportunityStageAdvanced ToQuotation = new(Id, Snap(Initial), Snap(Quotation), At);
    private static readonly Money Amount = new(0.00m, "CNY");

    [Fact]
    public void it_advances_to_an_open_stage_copying_the_stage_as_configured_now()
    {
        ThenEvents(Opportunity.Decide(new AdvanceOpportunity(Id, Quotation.StageId, Pipeline), Given(Created()), As(Owner)), ToQuotation);
        var renamed = Pipeline with { Stages = [Initial, Analysis, Quotation with { Name = "Offer", WinRate = 65m }, Won, Lost] };
        var advanced = Single<OpportunityStageAdvanced>(Opportunity.Decide(new AdvanceOpportunity(Id, Quotation.StageId, renamed), Given(Created()), As(Owner)));
        Assert.Equal(("Offer", 65m), (advanced.To.Name, advanced.To.WinRate));
        ThenNothing(Opportunity.Decide(new AdvanceOpportunity(Id, Quotation.StageId, Pipeline), Given(Created(), ToQuotation), As(Owner)));
        ThenNothing(Opportunity.Decide(new AdvanceOpportunity(Id, Quotation.StageId, renamed), Given(Created(), ToQuotation), As(Owner)));
    }

    [Fact]
    public void a_closing_or_unknown_stage_or_a_missing_pipeline_is_refused()
    {
        ThenRefused(Opportunity.Decide(new AdvanceOpportunity(Id, Won.StageId, Pipeline), Given(Created()), As(Owner)), ErrorKind.Unprocessable,
            "stage_unknown", "stageId");
        ThenRefused(Opportunity.Decide(new AdvanceOpportunity(Id, Guid.CreateVersion7(), Pipeline), Given(Created()), As(Owner)), ErrorKind.Unprocessable,
            "stage_unknown");
        ThenRefused(Opportunity.Decide(new AdvanceOpportunity(Id, Quotation.StageId, null), Given(Created()), As(Owner)), ErrorKind.Unprocessable,
            "pipeline_missing");
        ThenRefused(Opportunity.Decide(new WinOpportunity(Id, null), Given(Created()), As(Owner)), ErrorKind.Unprocessable, "pipeline_missing");
    }

    [Fact]
    public void win_closes_it_at_the_won_stage_once_and_lose_needs_a_reason()
    {
        var given = Given(Created(), ToQuotation);
        var won = new OpportunityWon(Id, CustomerId, Snap(Quotation), Snap(Won), Amount, At);
        ThenEvents(Opportunity.Decide(new WinOpportunity(Id, Pipeline), given, As(Owner)), won);
        ThenNothing(Opportunity.Decide(new WinOpportunity(Id, Pipeline), Given(Created(), ToQuotation, won), As(Owner)));
        ThenRefused(Opportunity.Decide(new LoseOpportunity(Id, "Late", Pipeline), Given(Created(), won), As(Owner)), ErrorKind.Conflict, "opportunity_closed");
        ThenRefused(Opportunity.Decide(new AdvanceOpportunity(Id, Analysis.StageId, Pipeline), Given(Created(), won), As(Owner)), ErrorKind.Conflict,
            "opportunity_closed");

        ThenInvalid(Opportunity.Decide(new LoseOpportunity(Id, "  ", Pipeline), given, As(Owner)), ("reason", "reason_required"));
        ThenInvalid(Opportunity.Decide(new LoseOpportunity(Id, new string('r', 501), Pipeline), given, As(Owner)), ("reason", "reason_too_long"));
        var lost = new OpportunityLost(Id, Snap(Quotation), Snap(Lost), "Budget cut", At);
        ThenEvents(Opportunity.Decide(new LoseOpportunity(Id, " Budget cut ", Pipeline), given, As(Owner)), lost);
        ThenRefused(Opportunity.Decide(new WinOpportunity(Id, Pipeline), Given(Created(), lost), As(Owner)), ErrorKind.Conflict, "opportunity_closed");
        ThenNothing(Opportunity.Decide(new LoseOpportunity(Id, "Again", Pipeline), Given(Created(), lost), As(Owner)));
    }

    [Fact]
    public void reopen_goes_back_to_the_last_open_stage_or_the_one_named_and_an_open_opportunity_is_not_reopened()
    {
        var lost = Given(Created(), ToQuotation, new OpportunityLost(Id, Snap(Quotation), Snap(Lost), "Budget cut", At));
        ThenEvents(Opportunity.Decide(new ReopenOpportunity(Id, null, Pipeline), lost, As(Owner)), new OpportunityReopened(Id, Snap(Lost), Snap(Quotation), At));
        ThenEvents(Opportunity.Decide(new ReopenOpportunity(Id, Analysis.StageId, Pipeline), lost, As(Owner)),
            new OpportunityReopened(Id, Snap(Lost), Snap(Analysis), At));
        var withoutQuotation = Pipeline with { Stages = [Initial, Analysis, Won, Lost] };
        ThenEvents(Opportunity.Decide(new ReopenOpportunity(Id, null, withoutQuotation), lost, As(Owner)),
            new OpportunityReopened(Id, Snap(Lost), withoutQuotation.Snapshot(Initial), At));
        ThenRefused(Opportunity.Decide(new ReopenOpportunity(Id, Lost.StageId, Pipeline), lost, As(Owner)), ErrorKind.Unprocessable, "stage_unknown");
        ThenRefused(Opportunity.Decide(new ReopenOpportunity(Id, null, null), lost, As(Owner)), ErrorKind.Unprocessable, "pipeline_missing");
        ThenRefused(Opportunity.Decide(new ReopenOpportunity(Id, null, Pipeline), Given(Created()), As(Owner)), ErrorKind.Conflict, "opportunity_open");
    }
}
