using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Contacts;

public sealed class managing_contacts(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Contacts = "/api/contacts";

    private static Task<JsonElement> CreateContactAsync(ApiCaller caller, Guid customerId, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["customerId"] = customerId, ["name"] = "Zhang " + Guid.NewGuid().ToString("N")[..6] };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return caller.CreatedAsync(Contacts, body);
    }

    [Fact]
    public async Task a_contact_is_created_under_a_customer_with_its_owner_and_edited_with_history_and_time_travel()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Admin, customer.Id(), new { title = "Buyer" });
        Assert.Equal(customer.GetProperty("ownerId").GetGuid(), contact.GetProperty("ownerId").GetGuid());
        var path = $"{Contacts}/{contact.Id()}";

        var edited = await host.Admin.SendAsync(HttpMethod.Patch, path, new { title = "Head of purchasing" }, ifMatch: "\"1\"");
        Assert.Equal("\"2\"", edited.ETag());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { title = "x" }, 412, "If-Match", ifMatch: "\"1\"");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { email = "nope" }, 400, "email");

        Assert.Equal("Buyer", (await host.Admin.GetJsonAsync(path + "?version=1")).GetProperty("title").GetString());
        await host.Admin.RefusedAsync(HttpMethod.Get, path + "?version=0", null, 400, "version");
        var history = await host.Admin.GetJsonAsync(path + "/history");
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());

        var ofCustomer = await host.Admin.GetJsonAsync($"{Contacts}?customerId={customer.Id()}");
        Assert.Equal(contact.Id(), Assert.Single(ofCustomer.GetProperty("items").EnumerateArray()).Id());
        var related = await host.Admin.GetJsonAsync($"{Route}/{customer.Id()}/contacts");
        Assert.Equal(contact.Id(), Assert.Single(related.GetProperty("items").EnumerateArray()).Id());
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{customer.Id()}/contacts?limit=0", null, 400, "limit");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{Guid.NewGuid()}/contacts", null, 404);
    }

    [Fact]
    public async Task bad_creates_name_the_field()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        await host.Admin.RefusedAsync(HttpMethod.Post, Contacts, new { name = "X" }, 400, "customerId");
        await host.Admin.RefusedAsync(HttpMethod.Post, Contacts, new { customerId = Guid.NewGuid(), name = "X" }, 422, "customerId");
        await host.Admin.RefusedAsync(HttpMethod.Post, Contacts, new { customerId = customer.Id(), name = "", phone = "1" }, 400, "name");
        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/put-in-pool", new { });
        await host.Admin.RefusedAsync(HttpMethod.Post, Contacts, new { customerId = customer.Id(), name = "X" }, 409, "customerId", "customer_in_pool");
    }

    [Fact]
    public async Task the_owner_of_a_customer_sees_its_contacts_even_one_transferred_to_a_colleague()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (otherId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await rep.CreateCustomerAsync();
        var contact = await CreateContactAsync(rep, customer.Id());
        await host.Admin.SendAsync(HttpMethod.Post, $"{Contacts}/{contact.Id()}/transfer", new { toUserId = otherId });

        await rep.SendAsync(HttpMethod.Get, $"{Contacts}/{contact.Id()}", null);
        Assert.Contains(contact.Id(), (await rep.GetJsonAsync($"{Contacts}?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.NotEqual(repId, otherId);
    }

    [Fact]
    public async Task follow_ups_on_a_contact_are_listed_on_the_contact_and_on_its_customer()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Admin, customer.Id());

        await host.Admin.CreatedAsync($"{Contacts}/{contact.Id()}/follow-ups", new { kind = "communication", content = "Met at the fair" });
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Contacts}/{contact.Id()}/follow-ups", new { kind = "visit", content = "x" }, 400, "kind");

        Assert.Equal(1, (await host.Admin.GetJsonAsync($"{Contacts}/{contact.Id()}/follow-ups")).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await host.Admin.GetJsonAsync($"{Route}/{customer.Id()}/follow-ups")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_self_scoped_user_gets_404_for_contacts_outside_the_scope_and_the_transfer_target_is_checked()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Admin, customer.Id());
        var path = $"{Contacts}/{contact.Id()}";

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Get, "/follow-ups", null),
                     (HttpMethod.Patch, "", new { title = "x" }), (HttpMethod.Post, "/follow-ups", new { kind = "log", content = "x" }),
                     (HttpMethod.Post, "/transfer", new { toUserId = repId }),
                 })
        {
            var response = await rep.Scenario(s =>
            {
                s.Send(method, path + suffix, body);
                s.IgnoreStatusCode();
            });
            Assert.True(404 == response.Status(), $"{method} {suffix}: {response.Status()}");
        }
        await rep.RefusedAsync(HttpMethod.Get, $"{Contacts}?customerId={customer.Id()}", null, 404);
        await rep.RefusedAsync(HttpMethod.Get, $"{Route}/{customer.Id()}/contacts", null, 404);
        Assert.DoesNotContain(contact.Id(), (await rep.GetJsonAsync($"{Contacts}?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        await rep.RefusedAsync(HttpMethod.Post, Contacts, new { customerId = customer.Id(), name = "X" }, 422, "customerId");

        await host.Admin.RefusedAsync(HttpMethod.Post, $"{path}/transfer", new { toUserId = Guid.NewGuid() }, 422, "toUserId");
        var moved = (await host.Admin.SendAsync(HttpMethod.Post, $"{path}/transfer", new { toUserId = repId })).Json();
        Assert.Equal(repId, moved.GetProperty("ownerId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, path, null);
        var found = (await rep.SendAsync(HttpMethod.Post, $"{Contacts}/search", new { filter = new { field = "customerId", op = "eq", value = customer.Id() } })).Json();
        Assert.Equal(contact.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        await rep.RefusedAsync(HttpMethod.Post, $"{Contacts}/search", new { filter = new { field = "shoe", op = "eq", value = "x" } }, 400, "filter.shoe");
        await rep.RefusedAsync(HttpMethod.Post, $"{Contacts}/search", new { sort = "shoe" }, 400, "sort");
        await host.Admin.SendAsync(HttpMethod.Get, $"{Contacts}/{Guid.NewGuid()}", null, 404);
        await host.SignedOut.SendAsync(HttpMethod.Get, Contacts, null, 401);
        var (_, noRights) = await host.SignedInUserAsync("self", "customer.list");
        await noRights.SendAsync(HttpMethod.Get, Contacts, null, 403);
    }

    [Fact]
    public async Task a_member_of_the_customers_team_reads_its_contacts_and_changes_them_only_with_read_write_access()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Admin, customer.Id());
        var path = $"{Contacts}/{contact.Id()}";
        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/team", new { userId = repId, access = "read" });
        var before = await host.EventCountAsync();

        await rep.SendAsync(HttpMethod.Get, path, null);
        await rep.RefusedAsync(HttpMethod.Patch, path, new { title = "x" }, 403, code: "team_read_only");
        await rep.RefusedAsync(HttpMethod.Post, path + "/follow-ups", new { kind = "log", content = "x" }, 403, code: "team_read_only");
        // Team membership never grants a transfer: the contact stays hidden for it.
        await rep.RefusedAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId }, 404);
        Assert.Equal(before, await host.EventCountAsync());

        await host.Admin.SendAsync(HttpMethod.Put, $"{Route}/{customer.Id()}/team/{repId}", new { access = "read_write" });
        await rep.SendAsync(HttpMethod.Patch, path, new { title = "Head of purchasing" });
    }

    [Fact]
    public async Task a_stale_if_match_on_a_hidden_contact_answers_404_not_412_and_writes_nothing()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Admin, customer.Id());
        var path = $"{Contacts}/{contact.Id()}";
        var before = await host.EventCountAsync();

        foreach (var (suffix, body) in new (string, object)[]
                 { ("", new { title = "x" }), ("/follow-ups", new { kind = "log", content = "x" }), ("/transfer", new { toUserId = repId }) })
        {
            var method = suffix == "" ? HttpMethod.Patch : HttpMethod.Post;
            await rep.RefusedAsync(method, path + suffix, body, 404, ifMatch: "\"7\"");
        }
        Assert.Equal(before, await host.EventCountAsync());
        // The one who reaches it still learns the version is stale.
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { title = "x" }, 412, ifMatch: "\"7\"");
    }

    [Fact]
    public async Task one_follow_up_id_sent_to_two_contacts_at_once_is_stored_once()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var first = await CreateContactAsync(host.Admin, customer.Id());
        var second = await CreateContactAsync(host.Admin, customer.Id());
        var followUpId = Guid.NewGuid();

        var answers = await Task.WhenAll(new[] { first.Id(), second.Id(), first.Id(), second.Id() }.Select(id => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { id = followUpId, kind = "log", content = "Once" }).ToUrl($"{Contacts}/{id}/follow-ups");
            s.IgnoreStatusCode();
        })));

        Assert.Equal(1, answers.Count(a => a.Status() == 201));
        Assert.All(answers.Where(a => a.Status() != 201), a => Assert.Equal(409, a.Status()));
        var stored = await host.Admin.GetJsonAsync($"{Route}/{customer.Id()}/follow-ups");
        Assert.Single(stored.GetProperty("items").EnumerateArray(), i => i.Id() == followUpId);
    }
}
