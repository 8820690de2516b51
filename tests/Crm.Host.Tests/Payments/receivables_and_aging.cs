using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Payments.PaymentSeeds;

namespace Crm.Host.Tests.Payments;

/// <summary>Receivables = contract amount − approved payments; instalments are paid oldest first; aging and reminders follow the (fake) clock.</summary>
public sealed class receivables_and_aging(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    private async Task<(Guid Id, ApiCaller Rep, Guid Customer)> RepAsync()
    {
        var (id, rep) = await host.SignedInUserAsync("self", Cashier);
        return (id, rep, (await rep.CreateCustomerAsync()).Id());
    }

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    [Fact]
    public async Task the_receivable_shrinks_with_approved_payments_only_and_reaches_zero_when_they_cover_the_contract()
    {
        var (repId, rep, customer) = await RepAsync();
        var today = host.Today;
        var contract = await host.ContractAsync(customer, repId, 1000m, plans: [(400m, today.AddDays(-40), 3), (600m, today.AddDays(10), 15)]);
        await rep.RecordAsync(contract.Id, 999m, today);   // a draft: not received yet
        await host.ApprovedPaymentAsync(rep, contract.Id, 300m, today.AddDays(-2), contract.PlanIds[1]);
        await host.CaughtUpAsync();

        var receivable = await rep.GetJsonAsync($"/api/contracts/{contract.Id}/receivable");
        Assert.Equal((1000m, 300m, 700m, 1), (Dec(receivable, "contractAmount"), Dec(receivable, "approvedAmount"), Dec(receivable, "receivableAmount"),
            receivable.GetProperty("paymentsCount").GetInt32()));
        // 300 pays the oldest instalment first, whatever instalment it names: 100 of the first is 40 days overdue.
        Assert.Equal((100m, 40, today.AddDays(-40).ToString("yyyy-MM-dd"), 100m),
            (Dec(receivable, "overdueAmount"), receivable.GetProperty("daysOverdue").GetInt32(), receivable.GetProperty("nextDueOn").GetString(),
                Dec(receivable, "nextDueAmount")));
        var plans = receivable.GetProperty("plans").EnumerateArray().Select(p => (Dec(p, "outstanding"), p.GetProperty("overdue").GetBoolean())).ToList();
        Assert.Equal([(100m, true), (600m, false)], plans);
        Assert.Equal(700m, Dec((await rep.GetJsonAsync($"{Route}?contractId={contract.Id}")).GetProperty("receivable"), "receivableAmount"));
        Assert.Equal([contract.Id], (await rep.GetJsonAsync("/api/receivables?overdue=true")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("contractId").GetGuid()));
        var ofCustomer = (await rep.GetJsonAsync($"/api/customers/{customer}/payments")).GetProperty("customerReceivables").EnumerateArray().Single();
        Assert.Equal(("CNY", 1, 700m, 100m), (ofCustomer.GetProperty("currency").GetString(), ofCustomer.GetProperty("contracts").GetInt32(),
            Dec(ofCustomer, "receivableAmount"), Dec(ofCustomer, "overdueAmount")));

        // Both instalments' reminder days have come (today − 43 and today − 5); within 5 days only the overdue one is planned.
        var due = (await rep.GetJsonAsync("/api/payment-plans/due")).GetProperty("items");
        Assert.Equal([(contract.PlanIds[0], 100m, -40), (contract.PlanIds[1], 600m, 10)], due.EnumerateArray()
            .Select(d => (d.GetProperty("planId").GetGuid(), Dec(d, "outstanding"), d.GetProperty("daysUntilDue").GetInt32())));
        Assert.Equal([contract.PlanIds[0]], (await rep.GetJsonAsync("/api/payment-plans/due?days=5")).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("planId").GetGuid()));

        await host.ApprovedPaymentAsync(rep, contract.Id, 700m, today);
        await host.CaughtUpAsync();
        var paid = await rep.GetJsonAsync($"/api/contracts/{contract.Id}/receivable");
        Assert.Equal((0m, 0m, 0, JsonValueKind.Null), (Dec(paid, "receivableAmount"), Dec(paid, "overdueAmount"), paid.GetProperty("daysOverdue").GetInt32(),
            paid.GetProperty("nextDueOn").ValueKind));
        Assert.Equal(0, (await rep.GetJsonAsync("/api/receivables?overdue=true")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await rep.GetJsonAsync("/api/payment-plans/due?days=366")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await rep.GetJsonAsync("/api/receivables/aging")).GetProperty("buckets").GetArrayLength());

        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contracts/{contract.Id}/void", new { reason = "Cancelled" });
        await host.CaughtUpAsync();
        Assert.Equal(0, (await rep.GetJsonAsync("/api/receivables")).GetProperty("items").GetArrayLength());
        await rep.RefusedAsync(HttpMethod.Get, $"/api/contracts/{contract.Id}/receivable", null, 409, code: "contract_voided");
    }

    [Fact]
    public async Task aging_puts_each_unpaid_instalment_in_its_bucket_per_currency_and_moves_it_as_days_pass()
    {
        var (repId, rep, customer) = await RepAsync();
        var today = host.Today;
        await host.ContractAsync(customer, repId, 1000m, plans:
            [(100m, today.AddDays(-10), null), (200m, today.AddDays(-45), null), (300m, today.AddDays(-75), null), (350m, today.AddDays(-120), null),
                (50m, today, null)]);
        await host.ContractAsync(customer, repId, 80m, currency: "USD", plans: [(80m, today.AddDays(-1), null)]);
        await host.CaughtUpAsync();

        static List<(string, string, decimal)> Buckets(JsonElement aging) => aging.GetProperty("buckets").EnumerateArray()
            .Select(b => (b.GetProperty("currency").GetString()!, b.GetProperty("bucket").GetString()!, b.GetProperty("amount").GetDecimal())).ToList();
        Assert.Equal([("CNY", "0-30", 100m), ("CNY", "31-60", 200m), ("CNY", "61-90", 300m), ("CNY", "90+", 350m), ("USD", "0-30", 80m)],
            Buckets(await rep.GetJsonAsync("/api/receivables/aging")));

        var mobile = (await host.Admin.GetJsonAsync($"/api/users/{repId}")).Mobile();
        host.Clock.Advance(TimeSpan.FromDays(21));
        JsonElement aging;
        try
        {
            // Tokens expire on the same clock: a fresh sign-in, three weeks later.
            aging = await (await host.SignedInAsync(mobile, UserApi.Password)).GetJsonAsync("/api/receivables/aging");
        }
        finally
        {
            host.Clock.Advance(TimeSpan.FromDays(-21));
        }
        Assert.Equal(today.AddDays(21).ToString("yyyy-MM-dd"), aging.GetProperty("today").GetString());
        // Today's instalment is overdue now (21 days), the 10-day one moved to 31–60, the 45-day one to 61–90, the 75-day one to 90+.
        Assert.Equal([("CNY", "0-30", 50m), ("CNY", "31-60", 100m), ("CNY", "61-90", 200m), ("CNY", "90+", 650m), ("USD", "0-30", 80m)], Buckets(aging));
    }

    [Fact]
    public async Task lists_filter_by_customer_and_owner_page_by_cursor_and_refuse_bad_input()
    {
        var (repId, rep, customer) = await RepAsync();
        var other = (await rep.CreateCustomerAsync()).Id();
        var contracts = new List<Guid>();
        for (var i = 0; i < 3; i++) contracts.Add((await host.ContractAsync(i == 2 ? other : customer, repId, 100m + i)).Id);
        await host.CaughtUpAsync();

        var first = await rep.GetJsonAsync("/api/receivables?limit=2");
        var second = await rep.GetJsonAsync($"/api/receivables?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(r => r.GetProperty("contractId").GetGuid()).ToList();
        Assert.Equal(Enumerable.Reverse(contracts), paged);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal([contracts[2]], (await rep.GetJsonAsync($"/api/receivables?customerId={other}")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("contractId").GetGuid()));
        Assert.Equal(0, (await rep.GetJsonAsync($"/api/receivables?ownerId={Guid.CreateVersion7()}")).GetProperty("items").GetArrayLength());
        Assert.Equal(3, (await rep.GetJsonAsync($"/api/receivables?ownerId={repId}")).GetProperty("items").GetArrayLength());

        await rep.RefusedAsync(HttpMethod.Get, "/api/payment-plans/due?days=367", null, 400, "days", "days_out_of_range");
        await rep.RefusedAsync(HttpMethod.Get, "/api/payment-plans/due?days=-1", null, 400, "days", "days_out_of_range");
        await rep.RefusedAsync(HttpMethod.Get, "/api/receivables?limit=0", null, 400, "limit");
        await rep.RefusedAsync(HttpMethod.Get, "/api/receivables?overdue=maybe", null, 400, "overdue");

        // A contract created a moment ago has no receivable until the daemon computed it.
        var fresh = await host.ContractAsync(customer, repId, 5m);
        var early = await rep.Scenario(s => { s.Get.Url($"/api/contracts/{fresh.Id}/receivable"); s.IgnoreStatusCode(); });
        Assert.True(early.Status() is 200 or 404, $"{early.Status()}");
        if (early.Status() == 404) Assert.Equal("receivable_not_ready", early.Json().GetProperty("code").GetString());
    }
}
