using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Invoices;
using Crm.Host.Tests.Opportunities;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.RecordCare;

public sealed class merging_customers(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Merge = Route + "/merge";

    [Fact]
    public async Task a_merge_moves_contacts_and_follow_ups_and_closes_the_merged_customer()
    {
        var survivor = await host.Admin.CreateCustomerAsync();
        var merged = await host.Admin.CreateCustomerAsync(new { phone = "+86 21 5555 0199" });
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = merged.Id(), name = "Zhang Wei" });
        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{merged.Id()}/follow-ups", new { kind = "log", content = "Met at the fair" }, 201);
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contacts/{contact.Id()}/follow-ups", new { kind = "log", content = "Called" }, 201);
        var task = await host.Admin.CreatedAsync("/api/tasks", new { name = "Send the offer", related = new[] { new { kind = "customer", id = merged.Id() } } });

        var answer = await host.Admin.SendAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id(), mergedId = merged.Id() },
            ifMatch: "\"1\"");
        Assert.Equal(survivor.Id(), answer.Json().Id());
        Assert.Equal("\"2\"", answer.ETag());

        var moved = await host.Admin.GetJsonAsync($"/api/contacts/{contact.Id()}");
        Assert.Equal(survivor.Id(), moved.GetProperty("customerId").GetGuid());
        Assert.Contains(contact.Id(), Ids(await host.Admin.GetJsonAsync($"{Route}/{survivor.Id()}/contacts")));
        var followUps = (await host.Admin.GetJsonAsync($"{Route}/{survivor.Id()}/follow-ups")).GetProperty("items").EnumerateArray()
            .Select(f => f.GetProperty("content").GetString()).ToList();
        Assert.Contains("Met at the fair", followUps);
        Assert.Contains("Called", followUps);
        Assert.Empty((await host.Admin.GetJsonAsync($"{Route}/{merged.Id()}/follow-ups")).GetProperty("items").EnumerateArray());

        Assert.Contains("merged_from", Actions(await host.Admin.GetJsonAsync($"{Route}/{survivor.Id()}/history")));
        Assert.Equal("merged_into", Actions(await host.Admin.GetJsonAsync($"{Route}/{merged.Id()}/history")).Last());
        Assert.Contains("customer_changed", Actions(await host.Admin.GetJsonAsync($"/api/contacts/{contact.Id()}/history")));
        var related = Assert.Single((await host.Admin.GetJsonAsync($"/api/tasks/{task.Id()}")).GetProperty("related").EnumerateArray());
        Assert.Equal(survivor.Id(), related.Id());
        await host.Admin.SendAsync(HttpMethod.Get, $"{Route}/{merged.Id()}");
        await host.Admin.SendAsync(HttpMethod.Get, $"{Route}/{merged.Id()}?version=1");
        var care = await host.Admin.GetJsonAsync($"{Route}/{merged.Id()}/care");
        Assert.Equal(survivor.Id(), care.GetProperty("mergedInto").GetGuid());
        Assert.DoesNotContain(merged.Id(), Ids(await host.Admin.GetJsonAsync(Route + "?limit=500&includeArchived=true")));

        var closed = await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{merged.Id()}", new { level = "B" }, 409, code: "customer_merged");
        Assert.Equal(survivor.Id(), closed.Json().GetProperty("mergedInto").GetGuid());
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{merged.Id()}/archive", new { }, 409, code: "customer_merged");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{merged.Id()}/transfer", new { toUserId = await host.MeAsync() }, 409,
            code: "customer_merged");
        await host.Admin.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = merged.Id(), mergedId = survivor.Id() }, 409, code: "customer_merged");
        // Nothing new goes under the merged customer either: its id still reaches the row, the merge closed it to new records.
        await host.Admin.RefusedAsync(HttpMethod.Post, "/api/contacts", new { customerId = merged.Id(), name = "Late contact" }, 409, "customerId",
            "customer_merged");
        await host.DefaultPipelineAsync();
        await host.Admin.RefusedAsync(HttpMethod.Post, "/api/opportunities", new { customerId = merged.Id(), name = "Late deal", currency = "CNY" }, 409,
            "customerId", "customer_merged");
        var again = await host.Admin.SendAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id(), mergedId = merged.Id() });
        Assert.Equal("\"2\"", again.ETag());
    }

    [Fact]
    public async Task a_caller_merges_only_customers_and_contacts_they_may_change()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", [.. SalesRep, "customer.merge"]);
        var mine = await rep.CreateCustomerAsync();
        var theirs = await host.Admin.CreateCustomerAsync();
        await rep.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = mine.Id(), mergedId = theirs.Id() }, 404, "mergedId", "customer_not_found");
        await rep.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = theirs.Id(), mergedId = mine.Id() }, 404, code: "customer_not_found");
        await rep.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = mine.Id(), mergedId = Guid.NewGuid() }, 404, "mergedId", "customer_not_found");

        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{theirs.Id()}/team", new { userId = repId, access = "read" });
        await rep.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = mine.Id(), mergedId = theirs.Id() }, 403, code: "team_read_only");

        var (_, editor) = await UserWithRolesAsync(("all", ["customer.merge", "customer.detail", "customer.list"]), ("self", ["contact.edit"]));
        var survivor = await host.Admin.CreateCustomerAsync();
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = theirs.Id(), name = "Li Lei" });
        await editor.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id(), mergedId = theirs.Id() }, 403, "mergedId",
            "merge_not_permitted");
        Assert.Equal(theirs.Id(), (await host.Admin.GetJsonAsync($"/api/contacts/{contact.Id()}")).GetProperty("customerId").GetGuid());
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{theirs.Id()}", new { level = "C" });
    }

    [Fact]
    public async Task bad_merges_are_refused_and_write_nothing()
    {
        var survivor = await host.Admin.CreateCustomerAsync();
        var merged = await host.Admin.CreateCustomerAsync();
        await host.Admin.RefusedAsync(HttpMethod.Post, Merge, new { mergedId = merged.Id() }, 400, "survivorId", "survivor_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id() }, 400, "mergedId", "merged_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id(), mergedId = survivor.Id() }, 400, "mergedId",
            "merge_same_customer");
        await host.Admin.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id(), mergedId = merged.Id() }, 412, "If-Match",
            "stale_version", "\"7\"");

        await host.CreateOpportunityAsync(host.Admin, merged.Id());
        await host.Admin.RefusedAsync(HttpMethod.Post, Merge, new { survivorId = survivor.Id(), mergedId = merged.Id() }, 409, "mergedId",
            "merge_has_deals");
        Assert.Equal(1, (await host.Admin.GetJsonAsync($"{Route}/{survivor.Id()}")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task duplicates_of_a_customer_are_listed_until_merged()
    {
        var phone = "+86 10 " + Random.Shared.Next(1000_0000, 9999_9999);
        var first = await host.Admin.CreateCustomerAsync(new { phone });
        var second = await host.Admin.CreateCustomerAsync(new { phone, createAnyway = true });
        var found = (await host.Admin.GetJsonAsync($"{Route}/{first.Id()}/duplicates")).GetProperty("items").EnumerateArray().ToList();
        var match = Assert.Single(found, d => d.GetProperty("id").ValueKind != JsonValueKind.Null && d.Id() == second.Id());
        Assert.Contains("phone", match.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain(found, d => d.GetProperty("id").ValueKind != JsonValueKind.Null && d.Id() == first.Id());

        await host.Admin.SendAsync(HttpMethod.Post, Merge, new { survivorId = first.Id(), mergedId = second.Id() });
        Assert.DoesNotContain((await host.Admin.GetJsonAsync($"{Route}/{first.Id()}/duplicates")).GetProperty("items").EnumerateArray(),
            d => d.GetProperty("id").ValueKind != JsonValueKind.Null && d.Id() == second.Id());
        var (_, stranger) = await host.SignedInUserAsync("self", SalesRep);
        await stranger.RefusedAsync(HttpMethod.Get, $"{Route}/{first.Id()}/duplicates", null, 404, code: "customer_not_found");
    }

    private async Task<(Guid Id, ApiCaller Caller)> UserWithRolesAsync(params (string Scope, string[] Permissions)[] roles)
    {
        var ids = new List<Guid>();
        foreach (var (scope, permissions) in roles)
            ids.Add((await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions, dataScope = scope })).Id());
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = ids });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();

    private static List<string?> Actions(JsonElement history) =>
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
}
