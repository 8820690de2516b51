using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

public sealed class filtering_by_amount_and_price(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    [Fact]
    public async Task opportunities_are_searched_by_amount_and_products_by_price_and_a_bad_number_names_the_field()
    {
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var small = (await host.CreateOpportunityAsync(host.Admin, customer, new { amount = 999.99m })).Id();
        var large = (await host.CreateOpportunityAsync(host.Admin, customer, new { amount = 1000m })).Id();
        var ofCustomer = new { field = "customerId", op = "eq", value = customer };

        async Task<Guid[]> Found(string route, object condition, object narrowing) =>
            [.. (await host.Admin.SendAsync(HttpMethod.Post, $"{route}/search", new { filter = new { and = new[] { narrowing, condition } }, sort = "createdAt" }))
                .Json().GetProperty("items").EnumerateArray().Select(i => i.Id())];

        Assert.Equal([large], await Found(Route, new { field = "amount", op = "gte", value = 1000 }, ofCustomer));
        Assert.Equal([small], await Found(Route, new { field = "amount", op = "between", value = new[] { 0m, 999.99m } }, ofCustomer));
        Assert.Equal([small, large], await Found(Route, new { field = "weightedAmount", op = "gt", value = 0 }, ofCustomer));

        var name = "Priced " + Guid.NewGuid().ToString("N")[..8];
        var widget = await host.ProductAsync(12.5m, name: name);
        await host.ProductAsync(12.51m, name: name);
        var ofName = new { field = "name", op = "eq", value = name };
        Assert.Equal([widget], await Found("/api/products", new { field = "price", op = "lte", value = 12.5m }, ofName));

        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "amount", op = "gt", value = "lots" } }, 400,
            "filter.amount", "filter_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "amount", op = "lt", value = 0.001 } }, 400,
            "filter.amount", "filter_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, "/api/products/search", new { filter = new { field = "price", op = "between", value = new[] { 3, 2 } } },
            400, "filter.price", "filter_invalid");
    }
}
