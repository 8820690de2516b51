using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

public sealed class managing_opportunities(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    [Fact]
    public async Task a_new_opportunity_computes_its_lines_and_amount_and_starts_at_the_first_open_stage()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var widget = await host.ProductAsync(33.33m);
        var gadget = await host.ProductAsync(10m, name: "Gadget");
        var customer = await host.Admin.CreateCustomerAsync();

        var created = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new
            {
                customerId = customer.Id(), name = "Spring order", expectedCloseDate = "2026-04-30",
                lines = new object[] { new { productId = widget, quantity = 3, discountPercent = 12.5 }, new { productId = gadget, quantity = 1.5, unitPrice = 0.03 } },
            }).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        });

        var body = created.Json();
        Assert.Equal("\"1\"", created.ETag());
        Assert.Equal($"{Route}/{body.Id()}", created.Header("Location"));
        // 3 × 33.33 × 87.5 % = 87.49125 → 87.49; 1.5 × 0.03 = 0.045 → 0.05 (half away from zero).
        Assert.Equal([87.49m, 0.05m], body.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("subtotal").GetDecimal()));
        Assert.Equal(87.54m, body.GetProperty("amount").GetDecimal());
        Assert.Equal("CNY", body.GetProperty("currency").GetString());
        Assert.Equal(pipeline.Open(0), body.GetProperty("stageId").GetGuid());
        var rate = pipeline.Stages.Single(st => st.StageId == pipeline.Open(0)).WinRate;
        Assert.Equal(Math.Round(87.54m * rate / 100m, 2, MidpointRounding.AwayFromZero), body.GetProperty("weightedAmount").GetDecimal());
        Assert.Equal("open", body.GetProperty("outcome").GetString());

        var read = await host.Admin.GetJsonAsync($"{Route}/{body.Id()}");
        Assert.Equal(87.54m, read.GetProperty("amount").GetDecimal());
        Assert.Equal("2026-04-30", read.GetProperty("expectedCloseDate").GetString());
        Assert.Equal(2, read.GetProperty("lines").GetArrayLength());
        var listed = await host.Admin.GetJsonAsync($"/api/customers/{customer.Id()}/opportunities");
        Assert.Equal(body.Id(), Assert.Single(listed.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task stages_advance_win_lose_and_reopen_and_the_history_keeps_each_stage_as_it_was()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var opportunity = await host.CreateOpportunityAsync(host.Admin);
        var path = $"{Route}/{opportunity.Id()}";

        var advanced = (await host.Admin.SendAsync(HttpMethod.Post, path + "/advance", new { stageId = pipeline.Open(2) })).Json();
        var quotation = pipeline.Stages.Single(st => st.StageId == pipeline.Open(2));
        Assert.Equal(quotation.WinRate, advanced.GetProperty("stageWinRate").GetDecimal());
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/advance", new { stageId = pipeline.Closing("won") }, 422, "stageId", "stage_unknown");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/advance", new { }, 400, "stageId", "stage_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/lose", new { reason = " " }, 400, "reason");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/reopen", new { }, 409, code: "opportunity_open");

        var won = (await host.Admin.SendAsync(HttpMethod.Post, path + "/win")).Json();
        Assert.Equal("won", won.GetProperty("outcome").GetString());
        Assert.NotEqual(JsonValueKind.Null, won.GetProperty("closedAt").ValueKind);
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { name = "Later" }, 409, code: "opportunity_closed");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/advance", new { stageId = pipeline.Open(1) }, 409, code: "opportunity_closed");
        await host.Admin.RefusedAsync(HttpMethod.Put, path + "/lines", new { lines = Array.Empty<object>() }, 409, code: "opportunity_closed");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/lose", new { reason = "Too late" }, 409, code: "opportunity_closed");

        var reopened = (await host.Admin.SendAsync(HttpMethod.Post, path + "/reopen", new { })).Json();
        Assert.Equal(pipeline.Open(2), reopened.GetProperty("stageId").GetGuid());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("closedAt").ValueKind);
        var lost = (await host.Admin.SendAsync(HttpMethod.Post, path + "/lose", new { reason = "Budget cut" })).Json();
        Assert.Equal(("lost", "Budget cut"), (lost.GetProperty("outcome").GetString(), lost.GetProperty("lostReason").GetString()));

        var history = await host.Admin.GetJsonAsync(path + "/history");
        var actions = history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
        Assert.Equal(["created", "stage_advanced", "won", "reopened", "lost"], actions);
        var stage = history.GetProperty("items")[1].GetProperty("changes")[0];
        static string Named(Crm.Events.PipelineStage st) => FormattableString.Invariant($"{st.Name} ({st.WinRate:0.##} %)");
        Assert.Equal((Named(pipeline.Stages.Single(st => st.StageId == pipeline.Open(0))), Named(quotation)), (stage.GetProperty("old").GetString(), stage.GetProperty("new").GetString()));

        var asCreated = await host.Admin.GetJsonAsync($"{path}?version=1");
        Assert.Equal("open", asCreated.GetProperty("outcome").GetString());
        var wonAt = Uri.EscapeDataString(won.GetProperty("updatedAt").GetString()!);
        var asWon = await host.Admin.Scenario(s => s.Get.Url($"{path}?asOf={wonAt}"));
        Assert.Equal(("won", "\"3\""), (asWon.Json().GetProperty("outcome").GetString(), asWon.ETag()));
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{path}?version=0", null, 400, "version", "version_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{path}?version=99", null, 404, code: "opportunity_not_found");
        var atStage = await host.Admin.GetJsonAsync($"{Route}?stageId={pipeline.Closing("lost")}&ownerId={opportunity.GetProperty("ownerId").GetGuid()}");
        Assert.Contains(opportunity.Id(), atStage.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        var filtered = await host.Admin.GetJsonAsync($"{Route}?outcome=lost&customerId={opportunity.GetProperty("customerId").GetGuid()}");
        Assert.Equal(opportunity.Id(), Assert.Single(filtered.GetProperty("items").EnumerateArray()).Id());
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?outcome=closed", null, 400, "outcome", "outcome_invalid");
    }

    [Fact]
    public async Task edits_set_the_amount_by_hand_and_give_it_back_to_the_lines_and_lines_keep_their_snapshot()
    {
        var widget = await host.ProductAsync(100m);
        var opportunity = await host.CreateOpportunityAsync(host.Admin, extra: new { lines = new[] { new { productId = widget, quantity = 2 } } });
        var path = $"{Route}/{opportunity.Id()}";
        var lineId = opportunity.GetProperty("lines")[0].GetProperty("lineId").GetGuid();

        var byHand = (await host.Admin.SendAsync(HttpMethod.Patch, path, new { amount = 150, remark = "Discount agreed" }, ifMatch: "\"1\"")).Json();
        Assert.Equal((150m, true), (byHand.GetProperty("amount").GetDecimal(), byHand.GetProperty("amountSetByHand").GetBoolean()));
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { name = "Stale" }, 412, "If-Match", "stale_version", ifMatch: "\"1\"");

        await host.UnshelveAsync(widget);
        var other = await host.ProductAsync(5m);
        var put = (await host.Admin.SendAsync(HttpMethod.Put, path + "/lines",
            new { lines = new object[] { new { lineId, productId = widget, quantity = 3 }, new { productId = other, quantity = 1 } } })).Json();
        Assert.Equal([300m, 5m], put.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("subtotal").GetDecimal()));
        Assert.Equal(150m, put.GetProperty("amount").GetDecimal());
        await host.Admin.RefusedAsync(HttpMethod.Put, path + "/lines", new { lines = new[] { new { productId = widget, quantity = 1 } } }, 422,
            "lines[0].productId", "product_off_shelf");

        var fromLines = (await host.Admin.SendAsync(HttpMethod.Patch, path, new { amountFromLines = true })).Json();
        Assert.Equal((305m, false), (fromLines.GetProperty("amount").GetDecimal(), fromLines.GetProperty("amountSetByHand").GetBoolean()));
        Assert.Equal("Discount agreed", fromLines.GetProperty("remark").GetString());
    }

    [Fact]
    public async Task a_stored_custom_object_is_no_change_when_it_comes_back_in_another_form()
    {
        // Events are jsonb: the custom object reads back with other whitespace and key order than it was sent with.
        var opportunity = await host.CreateOpportunityAsync(host.Admin, extra: new { custom = new { zeta = 1, alpha = new { y = 2, x = "1" } } });
        var path = $"{Route}/{opportunity.Id()}";

        var renamed = await host.Admin.SendAsync(HttpMethod.Patch, path, new { name = "Renamed" });
        Assert.Equal("\"2\"", renamed.ETag());
        var history = await host.Admin.GetJsonAsync(path + "/history");
        var edit = history.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("action").GetString() == "edited");
        Assert.Equal(["name"], edit.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));

        var resent = await host.Admin.SendAsync(HttpMethod.Patch, path,
            JsonDocument.Parse("""{ "custom": { "alpha": { "x": "1",   "y": 2 }, "zeta": 1 } }""").RootElement);
        Assert.Equal("\"2\"", resent.ETag());
    }

    [Fact]
    public async Task amounts_a_read_model_could_not_hold_are_refused_before_anything_is_written()
    {
        // Products may be priced above a line's limit; such a line must name its own price, and the lines' total has a bound.
        var dear = await host.ProductAsync(2_000_000_000m);
        var widget = await host.ProductAsync(1m);
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        await host.Admin.RefusedAsync(HttpMethod.Post, Route,
            new { customerId = customer, name = "Too dear", lines = new[] { new { productId = dear, quantity = 1 } } },
            422, "lines[0].unitPrice", "unit_price_invalid");
        var huge = new { productId = widget, quantity = 1_000_000, unitPrice = 1_000_000_000 };
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { customerId = customer, name = "Too big", lines = new[] { huge, huge } },
            422, "lines", "lines_total_too_large");
        var list = await host.Admin.GetJsonAsync($"/api/customers/{customer}/opportunities");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task bad_inputs_are_problems_naming_the_field_and_write_nothing()
    {
        await host.DefaultPipelineAsync();
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var dollars = await host.ProductAsync(10m, "USD");
        var unknown = Guid.CreateVersion7();
        async Task Refused(object body, int status, string? field, string? code = null) =>
            await host.Admin.RefusedAsync(HttpMethod.Post, Route, body, status, field, code);

        await Refused(new { name = "No customer" }, 400, "customerId", "customer_required");
        await Refused(new { customerId = customer, name = "", currency = "CNY" }, 400, "name");
        await Refused(new { customerId = customer, name = "X" }, 400, "currency", "currency_required");
        await Refused(new { customerId = customer, name = "X", currency = "yuan" }, 400, "currency", "currency_invalid");
        await Refused(new { customerId = customer, name = "X", currency = "CNY", expectedCloseDate = "30/04/2026" }, 400, "expectedCloseDate",
            "expected_close_date_invalid");
        await Refused(new { customerId = customer, name = "X", currency = "CNY", custom = new[] { 1 } }, 400, "custom", "custom_invalid");
        await Refused(new { customerId = customer, name = "X", currency = "CNY", amount = -1 }, 400, "amount", "amount_out_of_range");
        await Refused(new { customerId = customer, name = "X", lines = new[] { new { productId = unknown, quantity = 1 } }, currency = "CNY" }, 422,
            "lines[0].productId", "product_unknown");
        await Refused(new { customerId = customer, name = "X", currency = "CNY", lines = new[] { new { productId = dollars, quantity = 1 } } }, 422,
            "lines[0]", "currency_mismatch");
        await Refused(new { customerId = customer, name = "X", lines = new[] { new { productId = dollars, quantity = 0, discountPercent = 101 } } }, 400,
            "lines[0].quantity", "quantity_invalid");
        await Refused(new { customerId = customer, name = "X", lines = new[] { new { productId = dollars, quantity = 1, discountPercent = 101 } } }, 400,
            "lines[0].discountPercent", "discount_out_of_range");
        await Refused(new { customerId = customer, name = "X", lines = new[] { new { productId = dollars, quantity = 1, unitPrice = -2 } } }, 400,
            "lines[0].unitPrice", "unit_price_invalid");
        await Refused(new { customerId = Guid.CreateVersion7(), name = "X", currency = "CNY" }, 404, null, "customer_not_found");

        var listed = await host.Admin.GetJsonAsync($"/api/customers/{customer}/opportunities");
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        var opportunity = await host.CreateOpportunityAsync(host.Admin, customer);
        var path = $"{Route}/{opportunity.Id()}";
        await host.Admin.RefusedAsync(HttpMethod.Put, path + "/lines", new { }, 400, "lines", "lines_required");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { expectedCloseDate = "tomorrow", name = "" }, 400, "expectedCloseDate");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { amount = 1.005 }, 400, "amount", "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/reopen", new { stageId = Guid.CreateVersion7() }, 409, code: "opportunity_open");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "colour", op = "eq", value = "red" } }, 400,
            "filter.colour", "filter_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?sort=amount", null, 400, "sort", "sort_unknown");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?limit=0", null, 400, "limit", "limit_out_of_range");
        var followUp = Guid.CreateVersion7();
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { id = followUp, kind = "log", content = "First" }).ToUrl(path + "/follow-ups");
            s.StatusCodeShouldBe(201);
        });
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/follow-ups", new { id = followUp, kind = "log", content = "Again" }, 409, "id", "id_taken");
        await host.Admin.RefusedAsync(HttpMethod.Put, path + "/lines", new { lines = new object?[] { null } }, 400, "lines[0]", "item_null");
    }

    [Fact]
    public async Task a_retried_create_with_its_idempotency_key_answers_the_first_and_writes_nothing_new()
    {
        await host.DefaultPipelineAsync();
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var key = "opportunity-" + Guid.NewGuid();
        Task<Alba.IScenarioResult> Create() => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { customerId = customer, name = "Once", currency = "CNY" }).ToUrl(Route);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        });
        var first = (await Create()).Json();
        var retry = await Create();
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(first.Id(), retry.Json().Id());
        Assert.Single((await host.Admin.GetJsonAsync($"/api/customers/{customer}/opportunities")).GetProperty("items").EnumerateArray());

        // The customer went to the pool since: a fresh create is refused, the retry still answers what the first did.
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/put-in-pool", new { });
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { customerId = customer, name = "Now", currency = "CNY" }, 409, "customerId",
            "customer_in_pool");
        var late = await Create();
        Assert.Equal("true", late.Header("Idempotent-Replayed"));
        Assert.Equal(first.Id(), late.Json().Id());
    }

    [Fact]
    public async Task follow_ups_are_listed_under_the_opportunity_and_its_customer_and_a_deleted_opportunity_is_gone()
    {
        var opportunity = await host.CreateOpportunityAsync(host.Admin);
        var customer = opportunity.GetProperty("customerId").GetGuid();
        var path = $"{Route}/{opportunity.Id()}";

        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { kind = "communication", content = "Sent the quotation" }).ToUrl(path + "/follow-ups");
            s.StatusCodeShouldBe(201);
        });
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/follow-ups", new { kind = "phone", content = "x" }, 400, "kind", "kind_invalid");
        var mine = await host.Admin.GetJsonAsync(path + "/follow-ups");
        Assert.Equal("opportunity", Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("recordType").GetString());
        var filed = await host.Admin.GetJsonAsync($"/api/customers/{customer}/follow-ups");
        Assert.Contains(filed.GetProperty("items").EnumerateArray(), f => f.GetProperty("recordId").GetGuid() == opportunity.Id());

        await host.Admin.SendAsync(HttpMethod.Delete, path, status: 204);
        await host.Admin.RefusedAsync(HttpMethod.Get, path, null, 404, code: "opportunity_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Delete, path, null, 404, code: "opportunity_not_found");
        Assert.Equal(0, (await host.Admin.GetJsonAsync($"/api/customers/{customer}/opportunities")).GetProperty("items").GetArrayLength());
    }
}
