using System.Text.Json;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Opportunities;
using Crm.Host.Tests.Payments;
using static Crm.Host.Tests.Reports.ReportApi;

namespace Crm.Host.Tests.Reports;

/// <summary>Product sales, payments (received, planned, overdue) and rankings on approved contracts, per currency.</summary>
public sealed class sales_reports_and_rankings(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Range => $"from={Today.AddDays(-5):yyyy-MM-dd}&to={Today.AddDays(20):yyyy-MM-dd}";

    private static string OfCustomer(Guid customerId) => Filter(new { and = new[] { new { field = "customerId", op = "eq", value = customerId } } });

    /// <summary>An approved contract of 3 × 100.00 of the product, in the currency, planned as 100 two days ago and 200 in ten days.</summary>
    private async Task<(Guid Contract, IReadOnlyList<Guid> Plans)> SoldAsync(Guid customerId, Guid product, string currency)
    {
        var contract = await host.Admin.CreatedAsync(ContractApi.Route, new
        {
            customerId, name = "Order " + Guid.NewGuid().ToString("N")[..8], currency, lines = new[] { new { productId = product, quantity = 3 } },
        });
        var plans = new List<Guid>();
        foreach (var (amount, on, i) in new[] { (100m, Today.AddDays(-2), 1), (200m, Today.AddDays(10), 2) })
        {
            plans.Add((await host.Admin.CreatedAsync($"{ContractApi.Route}/{contract.Id()}/payment-plans",
                new { instalment = i, amount, plannedOn = on.ToString("yyyy-MM-dd") })).Id());
        }
        await ContractApprovalSeeds.ApproveAsync(host, contract.Id());
        return (contract.Id(), plans);
    }

    private static JsonElement Row(JsonElement report, string currency) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("currency").GetString() == currency);

    [Fact]
    public async Task products_sold_payments_received_planned_and_overdue_and_rankings_are_per_currency()
    {
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var yuan = await host.ProductAsync(100m, name: "Widget");
        var euro = await host.ProductAsync(100m, "EUR", name: "=Gadget");
        var (contract, plans) = await SoldAsync(customer, yuan, "CNY");
        await SoldAsync(customer, euro, "EUR");
        await host.ApprovedPaymentAsync(host.Admin, contract, 50m, Today, plans[0]);
        await host.CaughtUpAsync();
        var admin = Id((await host.Admin.GetJsonAsync("/api/auth/me")).Id());

        var sales = await host.Admin.GetJsonAsync($"{Route}/product-sales?{Range}&{OfCustomer(customer)}");
        var payments = await host.Admin.GetJsonAsync($"{Route}/payments?{Range}&groupBy=user&{OfCustomer(customer)}");
        var ranking = await host.Admin.GetJsonAsync($"{Route}/rankings?{Range}&measure=contractAmount&{OfCustomer(customer)}");

        var widget = Row(sales, "CNY");
        Assert.Equal((Id(yuan), "Widget", 3m, 300m), (widget.GetProperty("key").GetString(), widget.GetProperty("label").GetString(),
            widget.GetProperty("values").GetProperty("quantity").GetDecimal(), widget.GetProperty("values").GetProperty("amount").GetDecimal()));
        Assert.Equal(["CNY", "EUR"], sales.GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("currency").GetString()));
        var received = Row(payments, "CNY").GetProperty("values");
        Assert.Equal((admin, 50m, 300m, 50m), (Row(payments, "CNY").GetProperty("key").GetString(), received.GetProperty("received").GetDecimal(),
            received.GetProperty("planned").GetDecimal(), received.GetProperty("overdue").GetDecimal()));
        Assert.Equal((0m, 300m, 100m), (Row(payments, "EUR").GetProperty("values").GetProperty("received").GetDecimal(),
            Row(payments, "EUR").GetProperty("values").GetProperty("planned").GetDecimal(),
            Row(payments, "EUR").GetProperty("values").GetProperty("overdue").GetDecimal()));
        Assert.Equal((1, 300m), (Row(ranking, "CNY").GetProperty("rank").GetInt32(),
            Row(ranking, "CNY").GetProperty("values").GetProperty("contractAmount").GetDecimal()));
        Assert.Equal("contractAmount", ranking.GetProperty("measure").GetString());
    }

    [Fact]
    public async Task a_rep_counts_another_owners_contract_only_once_on_its_team()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", [.. Reporter, "contract.list", "payment.list"]);
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var product = await host.ProductAsync(100m);
        var (contract, plans) = await SoldAsync(customer, product, "CNY");
        await host.ApprovedPaymentAsync(host.Admin, contract, 50m, Today, plans[0]);
        await host.CaughtUpAsync();

        Assert.Empty((await rep.GetJsonAsync($"{Route}/product-sales?{Range}")).GetProperty("rows").EnumerateArray());
        Assert.Empty((await rep.GetJsonAsync($"{Route}/payments?{Range}")).GetProperty("rows").EnumerateArray());
        await host.Admin.SendAsync(HttpMethod.Post, $"{ContractApi.Route}/{contract}/team", new { userId = repId, access = "read" });
        var sales = await rep.GetJsonAsync($"{Route}/product-sales?{Range}");
        var payments = await rep.GetJsonAsync($"{Route}/payments?{Range}&groupBy=year");
        var listed = await rep.GetJsonAsync($"/api/payments?includeTotal=true&limit=1");

        Assert.Equal(3m, sales.Total("quantity"));
        Assert.Equal((50m, 300m), (payments.Total("received"), payments.Total("planned")));
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
    }
}
