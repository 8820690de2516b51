using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Pool;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.RecordCare;

/// <summary>A host whose clock runs two years ahead of the database: every customer it creates is two years untouched.</summary>
public sealed class LaterHostFixture : HostFixture
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow.AddYears(2));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class archiving_customers(LaterHostFixture host) : IClassFixture<LaterHostFixture>
{
    [Fact]
    public async Task an_archived_customer_leaves_lists_stays_readable_and_comes_back_when_unarchived()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";
        var archived = await host.Admin.SendAsync(HttpMethod.Post, path + "/archive", new { reason = "No contact since 2024" }, ifMatch: "\"1\"");
        Assert.Equal("\"2\"", archived.ETag());
        Assert.Equal("\"2\"", (await host.Admin.SendAsync(HttpMethod.Post, path + "/archive", new { })).ETag());

        Assert.DoesNotContain(customer.Id(), Ids(await host.Admin.GetJsonAsync(Route + "?limit=500")));
        Assert.Contains(customer.Id(), Ids(await host.Admin.GetJsonAsync(Route + "?limit=500&includeArchived=true")));
        var name = customer.GetProperty("name").GetString();
        var search = new { filter = new { field = "name", op = "eq", value = name } };
        Assert.Empty(Ids((await host.Admin.SendAsync(HttpMethod.Post, Route + "/search", search)).Json()));
        Assert.Single(Ids((await host.Admin.SendAsync(HttpMethod.Post, Route + "/search", new { search.filter, includeArchived = true })).Json()));
        await host.Admin.SendAsync(HttpMethod.Get, path);
        var care = await host.Admin.GetJsonAsync(path + "/care");
        Assert.Equal("No contact since 2024", care.GetProperty("reason").GetString());
        Assert.Contains("archived", (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action").GetString()));

        await host.Admin.SendAsync(HttpMethod.Post, path + "/unarchive", null);
        Assert.Contains(customer.Id(), Ids(await host.Admin.GetJsonAsync(Route + "?limit=500")));
        Assert.Equal(JsonValueKind.Null, (await host.Admin.GetJsonAsync(path + "/care")).GetProperty("archivedAt").ValueKind);
    }

    [Fact]
    public async Task candidates_are_the_customers_untouched_for_the_months_asked_in_the_callers_scope()
    {
        var (_, rep) = await host.SignedInUserAsync("self", [.. SalesRep, "customer.archive"]);
        var mine = await rep.CreateCustomerAsync();
        var theirs = await host.Admin.CreateCustomerAsync();
        var candidates = await rep.GetJsonAsync(Route + "/archive-candidates?untouchedMonths=12&limit=500");
        Assert.Contains(mine.Id(), Ids(candidates));
        Assert.DoesNotContain(theirs.Id(), Ids(candidates));
        Assert.DoesNotContain(mine.Id(), Ids(await rep.GetJsonAsync(Route + "/archive-candidates?untouchedMonths=36&limit=500")));

        var bulk = (await rep.SendAsync(HttpMethod.Post, Route + "/archive", new { ids = new[] { mine.Id(), theirs.Id() }, reason = "Clean-up" })).Json();
        Assert.Equal(1, bulk.GetProperty("succeeded").GetInt32());
        Assert.Equal("customer_not_found", bulk.GetProperty("items")[1].GetProperty("code").GetString());
        Assert.DoesNotContain(mine.Id(), Ids(await rep.GetJsonAsync(Route + "/archive-candidates?untouchedMonths=12&limit=500")));
    }

    [Fact]
    public async Task bad_archive_requests_name_the_field_and_need_the_permission()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        await host.Admin.RefusedAsync(HttpMethod.Get, Route + "/archive-candidates", null, 400, "untouchedMonths", "untouched_months_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Get, Route + "/archive-candidates?untouchedMonths=0", null, 400, "untouchedMonths",
            "untouched_months_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route + "/archive", new { ids = Array.Empty<Guid>() }, 400, "ids", "ids_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route + "/archive", new { ids = new[] { customer.Id() }, reason = new string('x', 501) }, 400,
            "reason", "reason_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/archive", new { reason = new string('x', 501) }, 400, "reason",
            "reason_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/archive", new { }, 412, "If-Match", "stale_version", "\"9\"");

        var (_, rep) = await host.SignedInUserAsync("all", SalesRep);
        await rep.RefusedAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/archive", new { }, 403);
        await rep.RefusedAsync(HttpMethod.Get, Route + "/archive-candidates?untouchedMonths=12", null, 403);
        var (_, archiver) = await host.SignedInUserAsync("self", [.. SalesRep, "customer.archive"]);
        await archiver.RefusedAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/unarchive", null, 404, code: "customer_not_found");
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
}
