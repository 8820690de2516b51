using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Payments.PaymentSeeds;

namespace Crm.Host.Tests.Payments;

public sealed class managing_payments(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    private async Task<(Guid Me, SeededContract Contract)> ContractAsync(decimal amount = 1000m, string status = "approved")
    {
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        return (me, await host.ContractAsync(customer, me, amount, status, plans: [(400m, host.Today.AddDays(10), 3), (600m, host.Today.AddDays(40), null)]));
    }

    [Fact]
    public async Task a_payment_is_recorded_read_edited_with_if_match_and_deleted_with_its_history()
    {
        var (me, contract) = await ContractAsync();
        var created = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { contractId = contract.Id, amount = 400.5m, receivedOn = host.Today.ToString("yyyy-MM-dd"), planId = contract.PlanIds[0],
                method = "bank transfer", remark = "First instalment" }).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        });
        var payment = created.Json();
        var id = payment.Id();
        Assert.Equal("\"1\"", created.ETag());
        Assert.Equal(($"/api/payments/{id}", "draft", 400.5m, "CNY", me, contract.CustomerId),
            (created.Header("Location"), payment.GetProperty("status").GetString(), payment.GetProperty("amount").GetDecimal(),
                payment.GetProperty("currency").GetString(), payment.GetProperty("ownerId").GetGuid(), payment.GetProperty("customerId").GetGuid()));

        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{id}", new { amount = 401m }, 412, "If-Match", "stale_version", ifMatch: "\"7\"");
        var edited = (await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{id}", new { amount = 401m, planId = "", remark = "" }, ifMatch: "\"1\"")).Json();
        Assert.Equal((401m, JsonValueKind.Null, JsonValueKind.Null, 2L), (edited.GetProperty("amount").GetDecimal(), edited.GetProperty("planId").ValueKind,
            edited.GetProperty("remark").ValueKind, edited.GetProperty("version").GetInt64()));
        var then = await host.Admin.GetJsonAsync($"{Route}/{id}?version=1");
        Assert.Equal((400.5m, contract.PlanIds[0]), (then.GetProperty("amount").GetDecimal(), then.GetProperty("planId").GetGuid()));
        var history = (await host.Admin.GetJsonAsync($"{Route}/{id}/history")).GetProperty("items");
        Assert.Equal(["recorded", "edited"], history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Contains(history[1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "amount"
            && c.GetProperty("old").GetString() == "400.50 CNY" && c.GetProperty("new").GetString() == "401.00 CNY");

        var listed = (await host.Admin.GetJsonAsync($"{Route}?contractId={contract.Id}")).GetProperty("items");
        Assert.Equal([id], listed.EnumerateArray().Select(p => p.Id()));
        Assert.Equal([id], (await host.Admin.GetJsonAsync($"/api/customers/{contract.CustomerId}/payments")).GetProperty("items").EnumerateArray()
            .Select(p => p.Id()));

        await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{id}", status: 204);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{id}", null, 404, code: "payment_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{Route}/{id}", null, 404, code: "payment_not_found");
    }

    [Fact]
    public async Task a_submitted_or_approved_payment_is_locked_and_a_retried_create_writes_once()
    {
        var (_, contract) = await ContractAsync();
        var id = (await host.Admin.RecordAsync(contract.Id, 100m, host.Today)).Id();
        await host.SubmitAsync(id);
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{id}", new { amount = 90m }, 409, code: "payment_locked");
        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{Route}/{id}", null, 409, code: "payment_locked");
        Assert.Equal("pending", (await host.Admin.GetJsonAsync($"{Route}/{id}")).GetProperty("status").GetString());

        var key = Guid.NewGuid().ToString();
        var body = new { contractId = contract.Id, amount = 50m, receivedOn = host.Today.ToString("yyyy-MM-dd") };
        var first = await host.Admin.Scenario(s => { s.Post.Json(body).ToUrl(Route); s.IdempotencyKey(key); s.StatusCodeShouldBe(201); });
        var again = await host.Admin.Scenario(s => { s.Post.Json(body).ToUrl(Route); s.IdempotencyKey(key); s.StatusCodeShouldBe(201); });
        Assert.Equal(first.Json().Id(), again.Json().Id());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(2, (await host.Admin.GetJsonAsync($"{Route}?contractId={contract.Id}")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task bad_money_dates_plans_and_contracts_are_refused_naming_the_field_and_nothing_is_written()
    {
        var (me, contract) = await ContractAsync();
        var (_, other) = await ContractAsync();
        var today = host.Today.ToString("yyyy-MM-dd");
        object Body(object? amount = null, string? receivedOn = null, object? planId = null, string? currency = null, Guid? contractId = null) =>
            new { contractId = contractId ?? contract.Id, amount = amount ?? 10m, receivedOn = receivedOn ?? today, planId, currency };

        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(10.123m), 400, "amount", "amount_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(-10m), 400, "amount", "amount_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(0m), 400, "amount", "amount_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(1000.01m), 422, "amount", "amount_over_contract");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(currency: "USD"), 422, "currency", "currency_mismatch");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(planId: other.PlanIds[0]), 422, "planId", "plan_unknown");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(receivedOn: host.Today.AddDays(1).ToString("yyyy-MM-dd")), 400, "receivedOn",
            "received_on_in_future");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(receivedOn: "01/03/2026"), 400, "receivedOn", "received_on_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { contractId = contract.Id, receivedOn = today }, 400, "amount");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { amount = 1m, receivedOn = today }, 400, "contractId");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { contractId = Guid.Empty, amount = 1m, receivedOn = today }, 400,
            "contractId", "contract_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { contractId = contract.Id, amount = 1m, receivedOn = today, method = new string('m', 51) },
            400, "method", "method_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { contractId = contract.Id, amount = 1m, receivedOn = today, remark = new string('r', 2001) },
            400, "remark", "remark_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { contractId = contract.Id, amount = 1m, receivedOn = today, remark = "a\u0000b" }, 400,
            "remark");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contractId: Guid.CreateVersion7()), 404, code: "contract_not_found");

        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        foreach (var status in new[] { "draft", "pending" })
        {
            var draft = await host.ContractAsync(customer, me, 500m, status);
            await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contractId: draft.Id), 409, "contractId", "contract_not_approved");
        }
        var voided = await host.ContractAsync(customer, me, 500m, "voided");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body(contractId: voided.Id), 409, "contractId", "contract_voided");

        var id = (await host.Admin.RecordAsync(contract.Id, 10m, host.Today)).Id();
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{id}", new { planId = "nope" }, 400, "planId", "plan_id_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{id}", new { amount = 10.001m }, 400, "amount", "amount_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?status=paid", null, 400, "status", "status_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?sort=name", null, 400, "sort", "sort_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{id}?version=0", null, 400, "version", "version_out_of_range");
        // Nothing but the one good payment was written.
        var written = (await host.Admin.GetJsonAsync($"{Route}?contractId={contract.Id}")).GetProperty("items");
        Assert.Equal([(id, 10m)], written.EnumerateArray().Select(p => (p.Id(), p.GetProperty("amount").GetDecimal())));
    }

    [Fact]
    public async Task the_export_is_csv_of_the_payments_in_scope()
    {
        var (_, contract) = await ContractAsync();
        var id = (await host.Admin.RecordAsync(contract.Id, 12.5m, host.Today)).Id();
        await host.Admin.Scenario(s => s.Patch.Json(new { remark = "=HYPERLINK(\"x\")" }).ToUrl($"{Route}/{id}"));
        var csv = (await host.Admin.Scenario(s => s.Get.Url($"{Route}/export?contractId={contract.Id}"))).ReadAsText();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', PaymentEndpointsColumns), lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{id},{contract.Id},", lines[1], StringComparison.Ordinal);
        Assert.Contains(",12.50,CNY,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", lines[1], StringComparison.Ordinal);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/export?status=paid", null, 400, "status", "status_invalid");
    }

    private static readonly string[] PaymentEndpointsColumns = Host.Payments.PaymentEndpoints.ExportColumns;
}
