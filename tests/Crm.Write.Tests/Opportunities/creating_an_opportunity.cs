using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Opportunities.OpportunitySpecification;

namespace Crm.Write.Tests.Opportunities;

public sealed class creating_an_opportunity
{
    [Fact]
    public void it_starts_at_the_pipelines_first_open_stage_with_its_lines_subtotals_and_their_total()
    {
        var decision = Opportunity.Decide(Create([Line(Widget.Id, 3, discount: 12.5m, lineId: LineId)]), OpportunityState.None, As(Owner));
        ThenEvents(decision, Created(WidgetLine));
    }

    // Decimal text, never double: the test states exactly the numbers the decider gets.
    [Theory]
    [InlineData("3", "33.33", "12.5", "87.49")] // 87.49125
    [InlineData("1.5", "0.03", "0", "0.05")] // 0.045: half away from zero, not to even
    [InlineData("1", "0.05", "50", "0.03")] // 0.025
    [InlineData("7", "19.99", "33.33", "93.29")] // 93.291331
    [InlineData("2", "100", "100", "0.00")]
    public void a_subtotal_is_quantity_times_unit_price_less_the_discount_rounded_half_away_from_zero(string quantity, string price, string discount,
        string subtotal)
    {
        var line = Single<OpportunityCreated>(Opportunity.Decide(Create([Line(Widget.Id, Number(quantity), Number(price), Number(discount))]),
            OpportunityState.None, As(Owner))).Lines[0];
        Assert.Equal(Number(subtotal), line.Subtotal.Amount);
        Assert.Equal(2, line.Subtotal.Amount.Scale);
    }

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void an_amount_set_by_hand_wins_over_the_lines_and_the_currency_follows_the_first_line_when_not_given()
    {
        var created = Single<OpportunityCreated>(Opportunity.Decide(Create([Line(Widget.Id)], currency: null, amount: 1000m), OpportunityState.None, As(Owner)));
        Assert.Equal((1000m, "CNY", true), (created.Amount.Amount, created.Amount.Currency, created.AmountSetByHand));
        Assert.Equal(33.33m, created.Lines[0].UnitPrice.Amount);
    }

    [Fact]
    public void bad_fields_are_refused_naming_each()
    {
        var custom = JsonSerializer.SerializeToElement(new[] { 1 });
        ThenInvalid(Opportunity.Decide(Create(fields: new OpportunityInput(" ", "2026-13-01", Custom: custom)), OpportunityState.None, As(Owner)),
            ("name", "name_required"), ("expectedCloseDate", "expected_close_date_invalid"), ("custom", "custom_invalid"));
        ThenRefused(Opportunity.Decide(Create(currency: null), OpportunityState.None, As(Owner)), ErrorKind.Validation, "currency_required", "currency");
        ThenRefused(Opportunity.Decide(Create(currency: "RMB1"), OpportunityState.None, As(Owner)), ErrorKind.Validation, "currency_invalid", "currency");
        ThenRefused(Opportunity.Decide(Create(amount: 0.001m), OpportunityState.None, As(Owner)), ErrorKind.Validation, "amount_out_of_range", "amount");
    }

    [Fact]
    public void malformed_lines_are_refused_naming_every_line_field()
    {
        var twice = Guid.CreateVersion7();
        ThenInvalid(Opportunity.Decide(Create([Line(null, 0), Line(Widget.Id, 1, -1m, 101m, twice), Line(Widget.Id, 1.00001m, lineId: twice)]),
            OpportunityState.None, As(Owner)),
            ("lines[0].productId", "line_product_required"), ("lines[0].quantity", "quantity_invalid"), ("lines[1].unitPrice", "unit_price_invalid"),
            ("lines[1].discountPercent", "discount_out_of_range"), ("lines[2].lineId", "line_id_taken"), ("lines[2].quantity", "quantity_invalid"));
        var many = Enumerable.Range(0, OpportunityLines.MaxLines + 1).Select(_ => Line(Widget.Id)).ToList();
        ThenRefused(Opportunity.Decide(Create(many), OpportunityState.None, As(Owner)), ErrorKind.Validation, "lines_too_many", "lines");
    }

    [Fact]
    public void a_line_needs_a_known_product_on_shelf_in_the_opportunitys_currency()
    {
        ThenRefused(Opportunity.Decide(Create([Line(Widget.Id), Line(Guid.CreateVersion7())]), OpportunityState.None, As(Owner)),
            ErrorKind.Unprocessable, "product_unknown", "lines[1].productId");
        ThenRefused(Opportunity.Decide(Create([Line(Shelved.Id)]), OpportunityState.None, As(Owner)), ErrorKind.Unprocessable, "product_off_shelf",
            "lines[0].productId");
        ThenRefused(Opportunity.Decide(Create([Line(Dollars.Id)]), OpportunityState.None, As(Owner)), ErrorKind.Unprocessable, "currency_mismatch", "lines[0]");
    }

    [Fact]
    public void without_a_pipeline_with_open_stages_it_is_refused()
    {
        ThenRefused(Opportunity.Decide(Create(noPipeline: true), OpportunityState.None, As(Owner)), ErrorKind.Unprocessable, "pipeline_missing", "pipelineId");
        var closedOnly = new PipelineOnFile(Guid.CreateVersion7(), [Won, Lost]);
        ThenRefused(Opportunity.Decide(Create(pipeline: closedOnly), OpportunityState.None, As(Owner)), ErrorKind.Unprocessable, "pipeline_missing");
    }

    [Fact]
    public void an_existing_opportunity_is_not_created_again()
    {
        ThenRefused(Opportunity.Decide(Create(), Given(Created()), As(Owner)), ErrorKind.Conflict, "opportunity_exists", "id");
    }
}
