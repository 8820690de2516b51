using System.Text.Json;
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
        var response = await host.Client.PostJsonAsync(route + "/search", ByDepartment(department));
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.Id()).Order().ToArray();
    }

    [Fact]
    public async Task customers_leads_and_contacts_filter_on_the_department_their_owner_is_in_now()
    {
        var sales = (await Org.DepartmentApi.CreateAsync(host.Client, "Sales " + Guid.NewGuid().ToString("N")[..6])).Id();
        var support = (await Org.DepartmentApi.CreateAsync(host.Client, "Support " + Guid.NewGuid().ToString("N")[..6])).Id();
        var seller = (await host.Client.CreateUserAsync(extra: new { departmentId = sales })).Id();
        var mover = (await host.Client.CreateUserAsync(extra: new { departmentId = sales })).Id();

        var customer = (await host.Client.CreateCustomerAsync(new { ownerId = seller })).Id();
        var movedCustomer = (await host.Client.CreateCustomerAsync(new { ownerId = mover })).Id();
        await host.Client.CreateCustomerAsync();
        var lead = (await host.Client.CreateLeadAsync(extra: new { ownerId = seller })).Id();
        await host.Client.CreateLeadAsync();
        var contact = await host.Client.PostJsonAsync("/api/contacts", new { customerId = customer, name = "Li Lei" });
        Assert.Equal(201, (int)contact.StatusCode);

        Assert.Equal(new[] { customer, movedCustomer }.Order(), await IdsAsync("/api/customers", sales));
        Assert.Equal([lead], await IdsAsync(LeadApi.Route, sales));
        Assert.Equal([(await contact.JsonAsync()).Id()], await IdsAsync("/api/contacts", sales));

        // A user who moves takes their records' department along: the filter reads the owner's department now.
        var move = await host.Client.SendJsonAsync(HttpMethod.Patch, $"/api/users/{mover}", JsonSerializer.Serialize(new { departmentId = support }));
        Assert.Equal(200, (int)move.StatusCode);
        Assert.Equal([customer], await IdsAsync("/api/customers", sales));
        Assert.Equal([movedCustomer], await IdsAsync("/api/customers", support));
    }
}
