using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Opportunities;
using static Crm.Host.Tests.Contracts.ContractApi;

namespace Crm.Host.Tests.Contracts;

public sealed class managing_contracts(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_new_contract_gets_the_next_number_of_the_year_its_lines_total_and_is_read_back_listed_and_found_by_number()
    {
        var widget = await host.ProductAsync(33.33m);
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Signer" });
        var opportunity = await host.CreateOpportunityAsync(host.Admin, customer.Id());

        var created = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new
            {
                customerId = customer.Id(), opportunityId = opportunity.Id(), name = "Spring order", signedOn = "2026-03-01", startsOn = "2026-04-01",
                endsOn = "2027-03-31", signatoryContactId = contact.Id(), lines = new[] { new { productId = widget, quantity = 3, discountPercent = 12.5 } },
            }).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        });
        var body = created.Json();
        Assert.Equal("\"1\"", created.ETag());
        Assert.Equal($"{Route}/{body.Id()}", created.Header("Location"));
        Assert.Matches($"^HT-{DateTime.UtcNow.Year}-\\d{{6}}$", body.GetProperty("number").GetString());
        Assert.Equal((87.49m, "CNY", "draft"), (body.GetProperty("amount").GetDecimal(), body.GetProperty("currency").GetString(),
            body.GetProperty("status").GetString()));
        var next = await host.Admin.CreateContractAsync(customer.Id());
        Assert.Equal(Sequence(body) + 1, Sequence(next));

        var read = await host.Admin.GetJsonAsync(body.Path());
        Assert.Equal((contact.Id(), opportunity.Id(), "2027-03-31"), (read.GetProperty("signatoryContactId").GetGuid(),
            read.GetProperty("opportunityId").GetGuid(), read.GetProperty("endsOn").GetString()));
        Assert.Equal(87.49m, Assert.Single(read.GetProperty("lines").EnumerateArray()).GetProperty("subtotal").GetDecimal());
        var listed = await host.Admin.GetJsonAsync($"/api/customers/{customer.Id()}/contracts");
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
        var found = await host.Admin.GetJsonAsync($"{Route}?q={body.GetProperty("number").GetString()!.ToLowerInvariant()}");
        Assert.Equal(body.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        var drafts = await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/search", new
        {
            filter = new { and = new object[] { new { field = "status", op = "eq", value = "draft" }, new { field = "customerId", op = "eq", value = customer.Id() } } },
            includeTotal = true,
        });
        Assert.Equal(2, drafts.Json().GetProperty("total").GetInt64());
    }

    private static long Sequence(JsonElement contract) => long.Parse(contract.GetProperty("number").GetString()![^6..]);

    [Fact]
    public async Task a_number_of_the_clients_choice_is_unique_and_a_second_one_answers_409_naming_number()
    {
        var number = "K-" + Guid.NewGuid().ToString("N")[..10];
        var first = await host.Admin.CreateContractAsync(extra: new { number });
        Assert.Equal(number, first.GetProperty("number").GetString());
        var customer = first.GetProperty("customerId").GetGuid();
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { customerId = customer, name = "Twin", currency = "CNY", number }, 409, "number",
            "contract_number_taken");

        // Ten creates at once with one number: exactly one wins, the others are told the number is taken; none is a 500.
        var racing = "R-" + Guid.NewGuid().ToString("N")[..10];
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => (await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { customerId = customer, name = "Race", currency = "CNY", number = racing }).ToUrl(Route);
            s.IgnoreStatusCode();
        })).Status()));
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.All(statuses.Where(s => s != 201), s => Assert.Equal(409, s));
    }

    [Fact]
    public async Task bad_input_is_a_problem_naming_the_field_and_writes_nothing()
    {
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var shelved = await host.ProductAsync(5m, onShelf: false);
        var widget = await host.ProductAsync(5m);
        var before = await host.EventCountAsync();
        object Body(object extra)
        {
            var body = new Dictionary<string, object?> { ["customerId"] = customer, ["name"] = "Bad", ["currency"] = "CNY" };
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
            return body;
        }
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { amount = 10.001m }), 400, "amount", "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { amount = -1m }), 400, "amount", "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { startsOn = "2026-05-01", endsOn = "2026-04-30" }), 400, "endsOn", "ends_before_start");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { signedOn = "yesterday" }), 400, "signedOn", "date_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { lines = new object[] { new { productId = widget, quantity = 1 },
            new { productId = shelved, quantity = 1 } } }), 422, "lines[1].productId", "product_off_shelf");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { lines = new[] { new { productId = widget, quantity = 1, unitPrice = 1.005m } } }),
            400, "lines[0].unitPrice", "unit_price_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { opportunityId = Guid.CreateVersion7() }), 422, "opportunityId",
            "opportunity_not_of_customer");
        var othersContact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = (await host.Admin.CreateCustomerAsync()).Id(), name = "Other" });
        before = await host.EventCountAsync();
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { signatoryContactId = othersContact.Id() }), 422, "signatoryContactId",
            "signatory_not_of_customer");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(new { number = " " }), 400, "number", "number_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "No customer" }, 400, "customerId", "customer_required");
        await host.Admin.Scenario(s =>
        {
            s.Post.RawJson($$"""{"customerId":"{{customer}}","name":"Nul\u0000byte","currency":"CNY"}""").ToUrl(Route);
            s.ProblemShouldBe(400, "name");
        });
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_draft_is_edited_and_its_lines_replaced_with_history_and_time_travel_then_deleted()
    {
        var widget = await host.ProductAsync(10m);
        var contract = await host.Admin.CreateContractAsync(extra: new { amount = (decimal?)null, lines = new[] { new { productId = widget, quantity = 2 } } });
        var path = contract.Path();
        var edited = await host.Admin.SendAsync(HttpMethod.Patch, path, new { endsOn = "2027-01-31", remark = "Net 30" }, ifMatch: "\"1\"");
        Assert.Equal("\"2\"", edited.ETag());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { remark = "stale" }, 412, ifMatch: "\"1\"");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { startsOn = "2027-02-01" }, 400, "endsOn", "ends_before_start");
        var lines = (await host.Admin.SendAsync(HttpMethod.Put, path + "/lines", new { lines = new[] { new { productId = widget, quantity = 5 } } })).Json();
        Assert.Equal(50.00m, lines.GetProperty("amount").GetDecimal());
        var byHand = (await host.Admin.SendAsync(HttpMethod.Patch, path, new { amount = 45.5m })).Json();
        Assert.True(byHand.GetProperty("amountSetByHand").GetBoolean());

        var history = await host.Admin.GetJsonAsync(path + "/history");
        Assert.Equal(["created", "edited", "lines_changed", "amount_set"],
            history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
        Assert.NotEqual(JsonValueKind.Null, history.GetProperty("items")[1].GetProperty("actorId").ValueKind);
        var asCreated = await host.Admin.GetJsonAsync(path + "?version=1");
        Assert.Equal((20.00m, JsonValueKind.Null), (asCreated.GetProperty("amount").GetDecimal(), asCreated.GetProperty("endsOn").ValueKind));

        await host.Admin.SendAsync(HttpMethod.Delete, path, status: 204);
        await host.Admin.RefusedAsync(HttpMethod.Get, path, null, 404, code: "contract_not_found");
    }

    [Fact]
    public async Task a_submitted_or_approved_contract_is_locked_only_voiding_changes_it_and_the_export_lists_it()
    {
        var contract = await host.Admin.CreateContractAsync();
        var path = contract.Path();
        await host.SubmitAsync(contract.Id());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { name = "Changed while pending" }, 409, code: "contract_locked");
        await host.Admin.RefusedAsync(HttpMethod.Put, path + "/lines", new { lines = Array.Empty<object>() }, 409, code: "contract_locked");
        await host.Admin.RefusedAsync(HttpMethod.Delete, path, null, 409, code: "contract_not_deletable");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/void", new { reason = "" }, 400, "reason", "reason_required");

        var voided = (await host.Admin.SendAsync(HttpMethod.Post, path + "/void", new { reason = "Customer withdrew" })).Json();
        Assert.Equal(("voided", "Customer withdrew"), (voided.GetProperty("status").GetString(), voided.GetProperty("voidReason").GetString()));
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/void", new { reason = "Again" }, 409, code: "contract_voided");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?status=cancelled", null, 400, "status", "status_invalid");

        var csv = await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Route}/export?status=voided&q={contract.GetProperty("number").GetString()}");
            s.StatusCodeShouldBe(200);
        });
        var rows = csv.ReadAsText().Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,number,customerId", rows[0]);
        Assert.Contains(contract.Id().ToString(), Assert.Single(rows[1..]));
        Assert.Contains("Customer withdrew", rows[1]);
    }

    [Fact]
    public async Task the_export_writes_formula_like_cells_as_quoted_text()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var contract = await host.Admin.CreateContractAsync(extra: new { name = $"=HYPERLINK(\"http://evil.example/{u}\")", remark = "@SUM(A1:A9)" });
        await host.Admin.SendAsync(HttpMethod.Post, contract.Path() + "/void", new { reason = "+1 cancelled" });

        var text = (await host.Admin.Scenario(s => s.Get.Url($"{Route}/export?status=voided&q={u}"))).ReadAsText();

        var row = Assert.Single(text.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.Contains(contract.Id().ToString(), row, StringComparison.Ordinal);
        Assert.Contains($"\"'=HYPERLINK(\"\"http://evil.example/{u}\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains("\"'@SUM(A1:A9)\"", row, StringComparison.Ordinal);
        Assert.Contains("\"'+1 cancelled\"", row, StringComparison.Ordinal);
    }
}
