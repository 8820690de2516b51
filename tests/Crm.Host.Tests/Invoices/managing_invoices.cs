using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Invoices.InvoiceSeeds;

namespace Crm.Host.Tests.Invoices;

public sealed class managing_invoices(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task an_invoice_is_requested_edited_approved_and_issued_and_its_history_says_so()
    {
        var contract = await host.ContractAsync(await host.MeAsync(), 10_000m);
        var created = await host.Admin.CreatedAsync(Route, Body(contract, 3000.5m, new { remark = "First half", currency = "cny" }));
        var path = $"{Route}/{created.Id()}";
        Assert.Equal(("draft", 3000.5m, "CNY", "vat_special"), (created.GetProperty("status").GetString(), created.GetProperty("amount").GetDecimal(),
            created.GetProperty("currency").GetString(), created.GetProperty("type").GetString()));

        var edited = (await host.Admin.SendAsync(HttpMethod.Patch, path, new { amount = 4000, remark = "", taxNumber = "91330100ma2axxxx1k" })).Json();
        Assert.Equal((4000m, "91330100MA2AXXXX1K", 2L), (edited.GetProperty("amount").GetDecimal(), edited.GetProperty("taxNumber").GetString(),
            edited.GetProperty("version").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, edited.GetProperty("remark").ValueKind);
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { remark = "x" }, 412, "If-Match", "stale_version", ifMatch: "\"1\"");
        var listed = (await host.Admin.GetJsonAsync($"{Route}?contractId={contract}")).GetProperty("items");
        Assert.Equal(created.Id(), Assert.Single(listed.EnumerateArray()).Id());

        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/issue", new { invoiceNumber = "0440", issuedOn = "2026-03-10" }, 409,
            code: "invoice_not_approved");
        await host.ApproveAsync(created.Id());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { remark = "late" }, 409, code: "invoice_locked");
        await host.Admin.RefusedAsync(HttpMethod.Delete, path, null, 409, code: "invoice_locked");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/issue", new { invoiceNumber = "0440", issuedOn = tomorrow }, 400, "issuedOn",
            "issued_on_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/issue", new { invoiceNumber = " ", issuedOn = "2026-03-10" }, 400, "invoiceNumber",
            "invoice_number_required");
        var issued = (await host.Admin.SendAsync(HttpMethod.Post, path + "/issue", new { invoiceNumber = "04400123", issuedOn = "2026-03-10" })).Json();
        Assert.Equal(("issued", "04400123", "2026-03-10"), (issued.GetProperty("status").GetString(), issued.GetProperty("invoiceNumber").GetString(),
            issued.GetProperty("issuedOn").GetString()));
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/issue", new { invoiceNumber = "2", issuedOn = "2026-03-11" }, 409, code: "invoice_issued");

        var history = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["requested", "edited", "submitted", "approved", "issued"], history);
        var asRequested = await host.Admin.GetJsonAsync(path + "?version=1");
        Assert.Equal(3000.5m, asRequested.GetProperty("amount").GetDecimal());
        Assert.Equal(5, (await host.Admin.GetJsonAsync(path)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task the_amounts_that_count_never_exceed_the_contract_and_rejected_or_deleted_invoices_free_theirs()
    {
        var contract = await host.ContractAsync(await host.MeAsync(), 1000m);
        var first = await host.Admin.CreatedAsync(Route, Body(contract, 600m));
        var over = await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 400.01m), 409, "amount", "invoice_exceeds_invoiceable");
        Assert.Equal(400m, over.Json().GetProperty("invoiceable").GetDecimal());
        var second = await host.Admin.CreatedAsync(Route, Body(contract, 400m));
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{second.Id()}", new { amount = 400.5 }, 409, "amount", "invoice_exceeds_invoiceable");
        // Lowering is always possible; the freed amount is invoiceable again.
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{second.Id()}", new { amount = 100 });
        await host.Admin.CreatedAsync(Route, Body(contract, 300m));

        await host.ApproveAsync(first.Id(), rejectReason: "Wrong title");
        await host.Admin.CreatedAsync(Route, Body(contract, 599.99m));
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{second.Id()}", status: 204);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{second.Id()}", null, 404, code: "invoice_not_found");
        await host.Admin.CreatedAsync(Route, Body(contract, 100.01m));
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 0.01m), 409, "amount", "invoice_exceeds_invoiceable");
    }

    [Fact]
    public async Task concurrent_requests_for_the_last_of_a_contract_cannot_both_pass()
    {
        var contract = await host.ContractAsync(await host.MeAsync(), 1000m);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Admin.Scenario(s =>
        {
            s.Send(HttpMethod.Post, Route, Body(contract, 300m));
            s.IgnoreStatusCode();
        })));
        var statuses = attempts.Select(a => a.Status()).ToList();
        Assert.Equal(3, statuses.Count(s => s == 201));
        Assert.Equal(5, statuses.Count(s => s == 409));
        Assert.All(attempts.Where(a => a.Status() == 409), a => Assert.Equal("invoice_exceeds_invoiceable", a.Json().GetProperty("code").GetString()));
        var items = (await host.Admin.GetJsonAsync($"{Route}?contractId={contract}")).GetProperty("items").EnumerateArray();
        Assert.Equal(900m, items.Sum(i => i.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task a_retried_request_with_the_same_idempotency_key_answers_the_first_and_writes_nothing()
    {
        var contract = await host.ContractAsync(await host.MeAsync(), 100m);
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var first = (await host.Admin.SendAsync("POST", Route, Body(contract, 60m), 201, key)).Json();
        var before = await host.EventCountAsync();
        var retry = await host.Admin.SendAsync("POST", Route, Body(contract, 60m), 201, key);
        Assert.Equal(("true", first.Id()), (retry.Header("Idempotent-Replayed"), retry.Json().Id()));
        Assert.Equal(before, await host.EventCountAsync());
        await host.Admin.ProblemAsync("POST", Route, Body(contract, 1m), 422, "Idempotency-Key", key);
        var issued = ("Idempotency-Key", Guid.NewGuid().ToString());
        await host.ApproveAsync(first.Id());
        var body = new { invoiceNumber = "A-1", issuedOn = "2026-03-01" };
        await host.Admin.SendAsync("POST", $"{Route}/{first.Id()}/issue", body, 200, issued);
        Assert.Equal("true", (await host.Admin.SendAsync("POST", $"{Route}/{first.Id()}/issue", body, 200, issued)).Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task broken_input_is_refused_naming_the_field()
    {
        var me = await host.MeAsync();
        var contract = await host.ContractAsync(me, 1000m);
        foreach (var amount in new[] { 0m, -5m, 1.234m })
            await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, amount), 400, "amount", "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { amount = (decimal?)null }), 400, "amount", "amount_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { taxNumber = "123" }), 400, "taxNumber", "tax_number_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { taxNumber = "" }), 400, "taxNumber", "tax_number_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { type = "receipt" }), 400, "type", "type_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { title = " " }), 400, "title", "title_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { currency = "USD" }), 422, "currency", "currency_mismatch");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { contractId = (Guid?)null }), 400, "contractId", "contract_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(Guid.CreateVersion7(), 1m), 404, code: "contract_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(await host.ContractAsync(me, 10m, approved: false), 1m), 409, "contractId",
            "contract_not_approved");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?status=paid", null, 400, "status", "status_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{Guid.CreateVersion7()}?version=0", null, 400, "version");
        var invoice = await host.Admin.CreatedAsync(Route, Body(contract, 5m));
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{invoice.Id()}", new { amount = 5.001 }, 400, "amount", "amount_out_of_range");
        var reused = Guid.CreateVersion7();
        await host.Admin.CreatedAsync(Route, Body(contract, 1m, new { id = reused }));
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contract, 1m, new { id = reused }), 409, "id");
        Assert.Equal(2, (await host.Admin.GetJsonAsync($"{Route}?contractId={contract}")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_self_scoped_clerk_reaches_only_invoices_of_contracts_in_scope_and_their_own_requests()
    {
        var (clerkId, clerk) = await host.SignedInUserAsync("self", Clerk);
        var others = await host.ContractAsync(await host.MeAsync(), 1000m);
        var mine = await host.ContractAsync(clerkId, 1000m);
        await clerk.RefusedAsync(HttpMethod.Post, Route, Body(others, 1m), 404, code: "contract_not_found");
        var hidden = await host.Admin.CreatedAsync(Route, Body(others, 1m));
        var own = await clerk.CreatedAsync(Route, Body(mine, 1m));
        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Patch, "", new { remark = "mine" }),
                     (HttpMethod.Delete, "", null), (HttpMethod.Post, "/issue", new { invoiceNumber = "1", issuedOn = "2026-03-01" }),
                 })
        {
            await clerk.RefusedAsync(method, $"{Route}/{hidden.Id()}{suffix}", body, 404, code: "invoice_not_found");
        }
        var listed = (await clerk.GetJsonAsync($"{Route}?limit=200")).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(own.Id(), listed);
        Assert.DoesNotContain(hidden.Id(), listed);
        Assert.Empty((await clerk.GetJsonAsync($"{Route}?contractId={others}")).GetProperty("items").EnumerateArray());

        // The admin requests on the clerk's contract: the clerk reaches it through the contract's owner.
        var onMine = await host.Admin.CreatedAsync(Route, Body(mine, 2m));
        await clerk.GetJsonAsync($"{Route}/{onMine.Id()}");
        var (_, reader) = await host.SignedInUserAsync("all", "invoice.list");
        await reader.RefusedAsync(HttpMethod.Post, Route, Body(mine, 1m), 403, code: "permission_denied");
        await host.SignedOut.RefusedAsync(HttpMethod.Get, Route, null, 401);
    }
}
