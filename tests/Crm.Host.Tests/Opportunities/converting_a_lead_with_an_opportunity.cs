using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

/// <summary>LEAD-5: a conversion may create an opportunity for the new customer, in the same append as the customer and the lead.</summary>
public sealed class converting_a_lead_with_an_opportunity(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    private static string Convert(Guid lead) => $"{LeadApi.Route}/{lead}/convert";

    [Fact]
    public async Task the_opportunity_belongs_to_the_new_customer_and_its_owner_and_is_appended_with_the_customer_and_the_lead()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var widget = await host.ProductAsync(33.33m);
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Qian"), new { company = LeadApi.Unique("Qian Trading") });

        var body = (await host.Admin.ExpectAsync(HttpMethod.Post, Convert(lead.Id()), new
        {
            opportunity = new { name = "First order", expectedCloseDate = "2026-06-30", lines = new[] { new { productId = widget, quantity = 3, discountPercent = 12.5 } } },
        })).Json();

        var customerId = body.GetProperty("customerId").GetGuid();
        var opportunityId = body.GetProperty("opportunityId").GetGuid();
        var deal = await host.Admin.GetJsonAsync($"{Route}/{opportunityId}");
        Assert.Equal((customerId, lead.GetProperty("ownerId").GetGuid(), lead.Id()),
            (deal.GetProperty("customerId").GetGuid(), deal.GetProperty("ownerId").GetGuid(), deal.GetProperty("leadId").GetGuid()));
        Assert.Equal((87.49m, "CNY", pipeline.Open(0)), (deal.GetProperty("amount").GetDecimal(), deal.GetProperty("currency").GetString(),
            deal.GetProperty("stageId").GetGuid()));
        Assert.Equal("2026-06-30", deal.GetProperty("expectedCloseDate").GetString());

        await using var cmd = host.Database.DataSource.CreateCommand(
            "select count(distinct tx_id), count(*) from es.events where (stream_id = any(@ids) and version = 1) or (stream_id = @lead and version = 2)");
        cmd.Parameters.AddWithValue("ids", new[] { customerId, opportunityId });
        cmd.Parameters.AddWithValue("lead", lead.Id());
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((1L, 3L), (reader.GetInt64(0), reader.GetInt64(1)));
        var listed = await host.Admin.GetJsonAsync($"/api/customers/{customerId}/opportunities");
        Assert.Equal(opportunityId, Assert.Single(listed.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task an_amount_without_lines_needs_only_a_currency_and_a_named_pipeline_is_used()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Sun"));
        var body = (await host.Admin.ExpectAsync(HttpMethod.Post, Convert(lead.Id()),
            new { opportunity = new { name = "Service", amount = 1200.5m, currency = "usd", pipelineId = pipeline.Id } })).Json();
        var deal = await host.Admin.GetJsonAsync($"{Route}/{body.GetProperty("opportunityId").GetGuid()}");
        Assert.Equal((1200.5m, "USD", true), (deal.GetProperty("amount").GetDecimal(), deal.GetProperty("currency").GetString(),
            deal.GetProperty("amountSetByHand").GetBoolean()));
    }

    [Fact]
    public async Task a_refused_opportunity_names_its_field_under_opportunity_and_nothing_is_written()
    {
        await host.DefaultPipelineAsync();
        var widget = await host.ProductAsync(10m);
        var shelved = await host.ProductAsync(10m, onShelf: false);
        var dollars = await host.ProductAsync(10m, "USD");
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Zhou"));
        var before = await host.EventCountAsync();

        var line = (Guid product) => new { productId = product, quantity = 1 };
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { lines = new[] { line(widget) } } }, 400,
            "opportunity.name", "name_required");
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { name = "x", lines = new[] { line(widget), line(shelved) } } },
            422, "opportunity.lines[1].productId", "product_off_shelf");
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()),
            new { opportunity = new { name = "x", lines = new[] { line(widget), line(dollars) } } }, 422, "opportunity.lines[1]", "currency_mismatch");
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { name = "x", currency = "CNY", pipelineId = Guid.CreateVersion7() } },
            422, "opportunity.pipelineId", "pipeline_missing");
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { name = "x", expectedCloseDate = "next week", currency = "CNY" } },
            400, "opportunity.expectedCloseDate", "expected_close_date_invalid");
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), """{"opportunity":{"name":"x","lines":[null]}}""", 400,
            "opportunity.lines[0]", "item_null");
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { id = Guid.Empty, name = "x", currency = "CNY" } }, 400,
            "opportunity.id", "id_invalid");
        var customerId = Guid.CreateVersion7();
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { customerId, opportunity = new { id = customerId, name = "x", currency = "CNY" } },
            409, "opportunity.id", "id_taken");

        Assert.Equal(before, await host.EventCountAsync());
        var unchanged = await host.Admin.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unchanged.GetProperty("convertedCustomerId").ValueKind);
    }

    [Fact]
    public async Task an_opportunity_id_already_taken_is_the_clients_to_change_and_nothing_is_written()
    {
        var taken = await host.CreateOpportunityAsync(host.Admin);
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Wu"));
        var before = await host.EventCountAsync();
        await host.Admin.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { id = taken.Id(), name = "x", currency = "CNY" } }, 409,
            "opportunity.id", "id_taken");
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task opportunity_create_is_needed_only_when_an_opportunity_is_asked_for()
    {
        await host.DefaultPipelineAsync();
        var (_, rep) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var lead = await rep.CreateLeadAsync(LeadApi.Unique("Zheng"));
        var before = await host.EventCountAsync();
        await rep.RefusalAsync(HttpMethod.Post, Convert(lead.Id()), new { opportunity = new { name = "x", currency = "CNY" } }, 403, code: "permission_denied");
        Assert.Equal(before, await host.EventCountAsync());

        var body = (await rep.ExpectAsync(HttpMethod.Post, Convert(lead.Id()), new { })).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("opportunityId").ValueKind);
    }

    [Fact]
    public async Task the_opportunity_goes_to_the_leads_owner_only_within_the_callers_opportunity_scope()
    {
        await host.DefaultPipelineAsync();
        var leads = await host.Admin.CreatedAsync("/api/roles",
            new { name = "L " + Guid.NewGuid().ToString("N"), permissions = LeadApi.SalesPermissions, dataScope = "all" });
        var own = await host.Admin.CreatedAsync("/api/roles",
            new { name = "O " + Guid.NewGuid().ToString("N"), permissions = new[] { "opportunity.create" }, dataScope = "self" });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { leads.Id(), own.Id() } });
        var converter = await host.SignedInAsync(user.Mobile(), UserApi.Password);
        var colleagues = await host.Admin.CreateLeadAsync(LeadApi.Unique("Feng"));
        var before = await host.EventCountAsync();

        await converter.RefusalAsync(HttpMethod.Post, Convert(colleagues.Id()), new { opportunity = new { name = "x", currency = "CNY" } }, 422,
            "opportunity.ownerId", "user_out_of_scope");
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task repeating_a_conversion_with_its_idempotency_key_answers_the_same_opportunity()
    {
        await host.DefaultPipelineAsync();
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Feng"));
        var key = Guid.NewGuid().ToString();
        var request = new { opportunity = new { name = "Once", currency = "CNY" } };
        var first = (await host.Admin.ExpectAsync(HttpMethod.Post, Convert(lead.Id()), request, idempotencyKey: key)).Json();
        var again = (await host.Admin.ExpectAsync(HttpMethod.Post, Convert(lead.Id()), request, idempotencyKey: key)).Json();
        Assert.Equal(first.GetProperty("opportunityId").GetGuid(), again.GetProperty("opportunityId").GetGuid());
        Assert.Equal(first.GetProperty("customerId").GetGuid(), again.GetProperty("customerId").GetGuid());
    }
}
