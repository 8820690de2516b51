using Crm.Events;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Sales;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;
using static Crm.Write.Tests.Decisions;
using Spec = Crm.Write.Tests.Opportunities.OpportunitySpecification;

namespace Crm.Write.Tests.Leads;

public sealed class converting_a_lead_with_an_opportunity
{
    private static readonly Guid LeadId = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Guid CustomerId = Guid.CreateVersion7();
    private static readonly Guid DealId = Guid.CreateVersion7();
    private static readonly LeadState Open = Lead.Decider.Fold(LeadState.None, [new LeadCreated(LeadId, new LeadFields("Wang Fang", "Acme Ltd"), Owner)]);

    private static CreateCustomer NewCustomer => new(CustomerId, Lead.CustomerInputFrom(Open), Owner);

    // The customer and owner sent here are placeholders: the conversion gives the opportunity the new customer and its owner.
    private static CreateOpportunity Deal(IReadOnlyList<LineInput>? lines = null, OpportunityInput? fields = null, PipelineOnFile? pipeline = null,
        bool noPipeline = false) =>
        Spec.Create(lines, fields: fields, pipeline: pipeline, noPipeline: noPipeline) with { OpportunityId = DealId, CustomerId = Guid.Empty, OwnerId = Guid.Empty };

    [Fact]
    public void the_opportunity_is_created_for_the_new_customer_and_its_owner_and_the_lead_names_it()
    {
        var decision = LeadConversion.Decide(Open, NewCustomer, null, null, As(Owner), Deal([Spec.Line(Spec.Widget.Id, 3, discount: 12.5m)]));
        Assert.Null(decision.Error);
        Assert.Equal([(CustomerId, Customer.StreamType), (DealId, Opportunity.StreamType), (LeadId, Lead.StreamType)],
            decision.Changes.Select(c => (c.StreamId, c.StreamType)));
        var created = Assert.IsType<OpportunityCreated>(Assert.Single(decision.Changes[1].Events));
        Assert.Equal((CustomerId, Owner, (Guid?)LeadId), (created.CustomerId, created.OwnerId, created.LeadId));
        Assert.Equal((87.49m, "CNY"), (created.Amount.Amount, created.Amount.Currency));
        Assert.Equal(Spec.Initial.StageId, created.Stage.StageId);
        Assert.Equal(new LeadConverted(LeadId, CustomerId, null, DealId), Assert.Single(decision.Changes[2].Events));
        Assert.IsType<CustomerCreated>(Assert.Single(decision.Changes[0].Events));
    }

    [Fact]
    public void a_line_off_shelf_refuses_the_whole_conversion_naming_the_line_under_opportunity()
    {
        var decision = LeadConversion.Decide(Open, NewCustomer, null, null, As(Owner), Deal([Spec.Line(Spec.Widget.Id), Spec.Line(Spec.Shelved.Id)]));
        Assert.Equal(("opportunity.lines[1].productId", "product_off_shelf", ErrorKind.Unprocessable),
            (decision.Error?.Field, decision.Error?.Code, decision.Error!.Kind));
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void every_bad_field_of_the_opportunity_is_named_under_opportunity()
    {
        var decision = LeadConversion.Decide(Open, NewCustomer, null, null, As(Owner),
            Deal(fields: new OpportunityInput("", ExpectedCloseDate: "30/06/2026")));
        Assert.Equal("opportunity.name", decision.Error?.Field);
        Assert.Equal(["opportunity.name", "opportunity.expectedCloseDate"], decision.Error!.Errors.Select(e => e.Field));
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void without_a_pipeline_nothing_is_converted()
    {
        var decision = LeadConversion.Decide(Open, NewCustomer, null, null, As(Owner), Deal(noPipeline: true));
        Assert.Equal(("opportunity.pipelineId", "pipeline_missing"), (decision.Error?.Field, decision.Error?.Code));
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void a_lead_converted_with_an_opportunity_is_the_same_conversion_only_with_that_opportunity()
    {
        var converted = Lead.Decider.Fold(Open, [new LeadConverted(LeadId, CustomerId, null, DealId)]);
        Assert.Equal(new LeadConvertedTo(CustomerId, null, DealId), converted.ConvertedTo);
        ThenNothing(Lead.Decide(new ConvertLead(LeadId, CustomerId, null, DealId), converted, As(Owner)));
        Assert.Equal("lead_converted", Lead.Decide(new ConvertLead(LeadId, CustomerId, null), converted, As(Owner)).Error?.Code);
    }
}
