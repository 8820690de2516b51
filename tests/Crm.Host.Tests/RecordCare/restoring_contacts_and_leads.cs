using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.RecordCare;

public sealed class restoring_contacts_and_leads(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_contact_is_restored_as_a_new_edit_naming_the_version()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Wang Fang", title = "Buyer" });
        var path = $"/api/contacts/{contact.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { title = "Director" });

        var restored = await host.Admin.SendAsync(HttpMethod.Post, path + "/restore", new { version = 1 }, ifMatch: "\"2\"");
        Assert.Equal("Buyer", restored.Json().GetProperty("title").GetString());
        Assert.Equal("\"3\"", restored.ETag());
        var last = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().Last();
        Assert.Equal("restored", last.GetProperty("action").GetString());

        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/restore", new { }, 400, "version", "version_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/restore", new { version = 4 }, 400, "version", "version_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/restore", new { version = 1 }, 412, "If-Match", "stale_version", "\"1\"");
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        await rep.RefusedAsync(HttpMethod.Post, path + "/restore", new { version = 1 }, 404, code: "contact_not_found");
    }

    [Fact]
    public async Task a_lead_is_restored_and_a_converted_one_is_closed()
    {
        var lead = await host.Admin.CreatedAsync("/api/leads", new { name = "Zhao Lei " + Guid.NewGuid().ToString("N")[..8], company = "Acme", level = "A" });
        var path = $"/api/leads/{lead.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { level = "C" });
        var restored = await host.Admin.SendAsync(HttpMethod.Post, path + "/restore", new { version = 1 });
        Assert.Equal("A", restored.Json().GetProperty("level").GetString());
        Assert.Equal("restored", (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().Last()
            .GetProperty("action").GetString());

        await host.Admin.SendAsync(HttpMethod.Post, path + "/convert", new { });
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/restore", new { version = 1 }, 409, code: "lead_converted");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"/api/leads/{Guid.NewGuid()}/restore", new { version = 1 }, 404, code: "lead_not_found");
    }
}
