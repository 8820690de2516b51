using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Customers;

/// <summary>The departmentId list filter finds the records whose owner is in that department (it matched nothing before).</summary>
public sealed class filtering_by_the_owners_department(HostFixture host) : IClassFixture<HostFixture>
{
    private static object ByDepartment(Guid department) =>
        new { filter = new { and = new[] { new { field = "departmentId", op = "eq", value = department } } }, limit = 100 };

    private async Task<Guid[]> IdsAsync(string route, Guid department)
    {
        var response = await host.Admin.Scenario(s => s.Post.Json(ByDepartment(department)).ToUrl(route + "/search"));
        return response.Json().GetProperty("items").EnumerateArray().Select(i => i.Id()).Order().ToArray();
    }

    [Fact]
    public async Task customers_leads_and_contacts_filter_on_the_department_their_owner_is_in_now()
    {
        var sales = (await host.Admin.CreatedAsync("/api/departments", new { name = "Sales " + Guid.NewGuid().ToString("N")[..6] })).Id();
        var support = (await host.Admin.CreatedAsync("/api/departments", new { name = "Support " + Guid.NewGuid().ToString("N")[..6] })).Id();
        var seller = (await host.Admin.CreateUserAsync(extra: new { departmentId = sales })).Id();
        var mover = (await host.Admin.CreateUserAsync(extra: new { departmentId = sales })).Id();

        var customer = (await host.Admin.CreateCustomerAsync(new { ownerId = seller })).Id();
        var movedCustomer = (await host.Admin.CreateCustomerAsync(new { ownerId = mover })).Id();
        await host.Admin.CreateCustomerAsync();
        var lead = (await host.Admin.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead"), ownerId = seller })).Id();
        await host.Admin.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead") });
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer, name = "Li Lei" });

        Assert.Equal(new[] { customer, movedCustomer }.Order(), await IdsAsync("/api/customers", sales));
        Assert.Equal([lead], await IdsAsync(LeadApi.Route, sales));
        Assert.Equal([contact.Id()], await IdsAsync("/api/contacts", sales));

        // A user who moves takes their records' department along: the filter reads the owner's department now.
        await host.Admin.Scenario(s => s.Patch.Json(new { departmentId = support }).ToUrl($"/api/users/{mover}"));
        Assert.Equal([customer], await IdsAsync("/api/customers", sales));
        Assert.Equal([movedCustomer], await IdsAsync("/api/customers", support));
    }
}
