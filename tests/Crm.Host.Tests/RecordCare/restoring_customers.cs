using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.RecordCare;

public sealed class restoring_customers(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_restore_puts_the_fields_of_a_version_back_as_a_new_edit_and_keeps_the_owner()
    {
        var (repId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync(new { level = "A", region = "Shanghai" });
        var path = $"{Route}/{customer.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { level = "B", region = "" });
        await host.Admin.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId });

        var restored = await host.Admin.SendAsync(HttpMethod.Post, path + "/restore", new { version = 1 }, ifMatch: "\"3\"");
        var body = restored.Json();
        Assert.Equal("A", body.GetProperty("level").GetString());
        Assert.Equal("Shanghai", body.GetProperty("region").GetString());
        Assert.Equal(repId, body.GetProperty("ownerId").GetGuid());
        Assert.Equal("\"4\"", restored.ETag());

        var last = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().Last();
        Assert.Equal("restored", last.GetProperty("action").GetString());
        var changes = last.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c);
        Assert.Equal("1", changes["restoredFromVersion"].GetProperty("new").GetString());
        Assert.Equal("B", changes["level"].GetProperty("old").GetString());
        Assert.Equal("A", changes["level"].GetProperty("new").GetString());

        var again = await host.Admin.SendAsync(HttpMethod.Post, path + "/restore", new { version = 1 });
        Assert.Equal("\"4\"", again.ETag());
    }

    [Fact]
    public async Task a_restore_before_the_archive_brings_the_customer_back_into_lists()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";
        await host.Admin.SendAsync(HttpMethod.Post, path + "/archive", new { reason = "Quiet" });
        Assert.DoesNotContain(customer.Id(), Ids(await host.Admin.GetJsonAsync(Route + "?limit=500")));
        await host.Admin.SendAsync(HttpMethod.Post, path + "/restore", new { version = 1 });
        Assert.Contains(customer.Id(), Ids(await host.Admin.GetJsonAsync(Route + "?limit=500")));
        Assert.Equal(JsonValueKind.Null, (await host.Admin.GetJsonAsync(path + "/care")).GetProperty("archivedAt").ValueKind);
    }

    [Fact]
    public async Task bad_restores_name_the_field_and_hidden_customers_are_not_found()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}/restore";
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { }, 400, "version", "version_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { version = 0 }, 400, "version", "version_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { version = 2 }, 400, "version", "version_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { version = 1 }, 412, "If-Match", "stale_version", "\"5\"");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{Guid.NewGuid()}/restore", new { version = 1 }, 404, code: "customer_not_found");

        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        await rep.RefusedAsync(HttpMethod.Post, path, new { version = 1 }, 404, code: "customer_not_found");
        var (_, reader) = await host.SignedInUserAsync("all", "customer.detail", "customer.list");
        await reader.RefusedAsync(HttpMethod.Post, path, new { version = 1 }, 403);
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
}
