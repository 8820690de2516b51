using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Contacts;

public sealed class managing_contacts(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Contacts = "/api/contacts";

    private static async Task<JsonElement> CreateContactAsync(HttpClient client, Guid customerId, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["customerId"] = customerId, ["name"] = "Zhang " + Guid.NewGuid().ToString("N")[..6] };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        var response = await client.SendAsync(HttpMethod.Post, Contacts, body);
        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task a_contact_is_created_under_a_customer_with_its_owner_and_edited_with_history_and_time_travel()
    {
        var customer = await host.Client.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Client, customer.Id(), new { title = "Buyer" });
        Assert.Equal(customer.GetProperty("ownerId").GetGuid(), contact.GetProperty("ownerId").GetGuid());
        var path = $"{Contacts}/{contact.Id()}";

        var edited = await host.Client.SendAsync(HttpMethod.Patch, path, new { title = "Head of purchasing" }, ("If-Match", "\"1\""));
        Assert.Equal(200, (int)edited.StatusCode);
        Assert.Equal("\"2\"", edited.ETag());
        await (await host.Client.SendAsync(HttpMethod.Patch, path, new { title = "x" }, ("If-Match", "\"1\""))).AssertProblemAsync(412, "If-Match");
        await (await host.Client.SendAsync(HttpMethod.Patch, path, new { email = "nope" })).AssertProblemAsync(400, "email");

        Assert.Equal("Buyer", (await (await host.Client.GetAsync(path + "?version=1")).JsonAsync()).GetProperty("title").GetString());
        await (await host.Client.GetAsync(path + "?version=0")).AssertProblemAsync(400, "version");
        var history = await (await host.Client.GetAsync(path + "/history")).JsonAsync();
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());

        var ofCustomer = await (await host.Client.GetAsync($"{Contacts}?customerId={customer.Id()}")).JsonAsync();
        Assert.Equal(contact.Id(), Assert.Single(ofCustomer.GetProperty("items").EnumerateArray()).Id());
        var related = await (await host.Client.GetAsync($"{Route}/{customer.Id()}/contacts")).JsonAsync();
        Assert.Equal(contact.Id(), Assert.Single(related.GetProperty("items").EnumerateArray()).Id());
        await (await host.Client.GetAsync($"{Route}/{customer.Id()}/contacts?limit=0")).AssertProblemAsync(400, "limit");
        await (await host.Client.GetAsync($"{Route}/{Guid.NewGuid()}/contacts")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task bad_creates_name_the_field()
    {
        var customer = await host.Client.CreateCustomerAsync();
        await (await host.Client.SendAsync(HttpMethod.Post, Contacts, new { name = "X" })).AssertProblemAsync(400, "customerId");
        await (await host.Client.SendAsync(HttpMethod.Post, Contacts, new { customerId = Guid.NewGuid(), name = "X" })).AssertProblemAsync(422, "customerId");
        await (await host.Client.SendAsync(HttpMethod.Post, Contacts, new { customerId = customer.Id(), name = "", phone = "1" })).AssertProblemAsync(400, "name");
        await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/put-in-pool", new { });
        var pooled = await host.Client.SendAsync(HttpMethod.Post, Contacts, new { customerId = customer.Id(), name = "X" });
        Assert.Equal("customer_in_pool", (await pooled.AssertProblemAsync(409, "customerId")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task the_owner_of_a_customer_sees_its_contacts_even_one_transferred_to_a_colleague()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var (otherId, _) = await host.ColleagueAsync("self", SalesRep);
        var customer = await rep.CreateCustomerAsync();
        var contact = await CreateContactAsync(rep, customer.Id());
        await host.Client.SendAsync(HttpMethod.Post, $"{Contacts}/{contact.Id()}/transfer", new { toUserId = otherId });

        Assert.Equal(200, (int)(await rep.GetAsync($"{Contacts}/{contact.Id()}")).StatusCode);
        Assert.Contains(contact.Id(), (await (await rep.GetAsync($"{Contacts}?limit=500")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.NotEqual(repId, otherId);
    }

    [Fact]
    public async Task follow_ups_on_a_contact_are_listed_on_the_contact_and_on_its_customer()
    {
        var customer = await host.Client.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Client, customer.Id());

        var added = await host.Client.SendAsync(HttpMethod.Post, $"{Contacts}/{contact.Id()}/follow-ups", new { kind = "communication", content = "Met at the fair" });
        Assert.Equal(201, (int)added.StatusCode);
        await (await host.Client.SendAsync(HttpMethod.Post, $"{Contacts}/{contact.Id()}/follow-ups", new { kind = "visit", content = "x" })).AssertProblemAsync(400, "kind");

        Assert.Equal(1, (await (await host.Client.GetAsync($"{Contacts}/{contact.Id()}/follow-ups")).JsonAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await (await host.Client.GetAsync($"{Route}/{customer.Id()}/follow-ups")).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_self_scoped_user_gets_404_for_contacts_outside_the_scope_and_the_transfer_target_is_checked()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Client, customer.Id());
        var path = $"{Contacts}/{contact.Id()}";

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Get, "/follow-ups", null),
                     (HttpMethod.Patch, "", new { title = "x" }), (HttpMethod.Post, "/follow-ups", new { kind = "log", content = "x" }),
                     (HttpMethod.Post, "/transfer", new { toUserId = repId }),
                 })
        {
            var response = await rep.SendAsync(method, path + suffix, body);
            Assert.True(404 == (int)response.StatusCode, $"{method} {suffix}: {(int)response.StatusCode}");
        }
        await (await rep.GetAsync($"{Contacts}?customerId={customer.Id()}")).AssertProblemAsync(404);
        await (await rep.GetAsync($"{Route}/{customer.Id()}/contacts")).AssertProblemAsync(404);
        Assert.DoesNotContain(contact.Id(), (await (await rep.GetAsync($"{Contacts}?limit=500")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        await (await rep.SendAsync(HttpMethod.Post, Contacts, new { customerId = customer.Id(), name = "X" })).AssertProblemAsync(422, "customerId");

        await (await host.Client.SendAsync(HttpMethod.Post, $"{path}/transfer", new { toUserId = Guid.NewGuid() })).AssertProblemAsync(422, "toUserId");
        var moved = await host.Client.SendAsync(HttpMethod.Post, $"{path}/transfer", new { toUserId = repId });
        Assert.Equal(repId, (await moved.JsonAsync()).GetProperty("ownerId").GetGuid());
        Assert.Equal(200, (int)(await rep.GetAsync(path)).StatusCode);
        var found = await (await rep.SendAsync(HttpMethod.Post, $"{Contacts}/search", new { filter = new { field = "customerId", op = "eq", value = customer.Id() } })).JsonAsync();
        Assert.Equal(contact.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        await (await rep.SendAsync(HttpMethod.Post, $"{Contacts}/search", new { filter = new { field = "shoe", op = "eq", value = "x" } })).AssertProblemAsync(400, "filter.shoe");
        await (await rep.SendAsync(HttpMethod.Post, $"{Contacts}/search", new { sort = "shoe" })).AssertProblemAsync(400, "sort");
        Assert.Equal(404, (int)(await host.Client.GetAsync($"{Contacts}/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(401, (int)(await host.Anonymous.GetAsync(Contacts)).StatusCode);
        var (_, noRights) = await host.ColleagueAsync("self", "customer.list");
        Assert.Equal(403, (int)(await noRights.GetAsync(Contacts)).StatusCode);
    }

    [Fact]
    public async Task a_member_of_the_customers_team_reads_its_contacts_and_changes_them_only_with_read_write_access()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Client, customer.Id());
        var path = $"{Contacts}/{contact.Id()}";
        await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/team", new { userId = repId, access = "read" });
        var before = await host.EventCountAsync();

        Assert.Equal(200, (int)(await rep.GetAsync(path)).StatusCode);
        var edit = await (await rep.SendAsync(HttpMethod.Patch, path, new { title = "x" })).AssertProblemAsync(403);
        Assert.Equal("team_read_only", edit.GetProperty("code").GetString());
        var followUp = await (await rep.SendAsync(HttpMethod.Post, path + "/follow-ups", new { kind = "log", content = "x" })).AssertProblemAsync(403);
        Assert.Equal("team_read_only", followUp.GetProperty("code").GetString());
        // Team membership never grants a transfer: the contact stays hidden for it.
        await (await rep.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId })).AssertProblemAsync(404);
        Assert.Equal(before, await host.EventCountAsync());

        await host.Client.SendAsync(HttpMethod.Put, $"{Route}/{customer.Id()}/team/{repId}", new { access = "read_write" });
        Assert.Equal(200, (int)(await rep.SendAsync(HttpMethod.Patch, path, new { title = "Head of purchasing" })).StatusCode);
    }

    [Fact]
    public async Task a_stale_if_match_on_a_hidden_contact_answers_404_not_412_and_writes_nothing()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var contact = await CreateContactAsync(host.Client, customer.Id());
        var path = $"{Contacts}/{contact.Id()}";
        var before = await host.EventCountAsync();

        foreach (var (suffix, body) in new (string, object)[]
                 { ("", new { title = "x" }), ("/follow-ups", new { kind = "log", content = "x" }), ("/transfer", new { toUserId = repId }) })
        {
            var method = suffix == "" ? HttpMethod.Patch : HttpMethod.Post;
            await (await rep.SendAsync(method, path + suffix, body, ("If-Match", "\"7\""))).AssertProblemAsync(404);
        }
        Assert.Equal(before, await host.EventCountAsync());
        // The one who reaches it still learns the version is stale.
        await (await host.Client.SendAsync(HttpMethod.Patch, path, new { title = "x" }, ("If-Match", "\"7\""))).AssertProblemAsync(412);
    }

    [Fact]
    public async Task one_follow_up_id_sent_to_two_contacts_at_once_is_stored_once()
    {
        var customer = await host.Client.CreateCustomerAsync();
        var first = await CreateContactAsync(host.Client, customer.Id());
        var second = await CreateContactAsync(host.Client, customer.Id());
        var followUpId = Guid.NewGuid();

        var answers = await Task.WhenAll(new[] { first.Id(), second.Id(), first.Id(), second.Id() }.Select(id =>
            host.Client.SendAsync(HttpMethod.Post, $"{Contacts}/{id}/follow-ups", new { id = followUpId, kind = "log", content = "Once" })));

        Assert.Equal(1, answers.Count(a => (int)a.StatusCode == 201));
        Assert.All(answers.Where(a => (int)a.StatusCode != 201), a => Assert.Equal(409, (int)a.StatusCode));
        var stored = await (await host.Client.GetAsync($"{Route}/{customer.Id()}/follow-ups")).JsonAsync();
        Assert.Single(stored.GetProperty("items").EnumerateArray(), i => i.Id() == followUpId);
    }
}
