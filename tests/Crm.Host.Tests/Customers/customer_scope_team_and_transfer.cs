using System.Text.Json;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

public sealed class customer_scope_team_and_transfer(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_self_scoped_user_gets_404_for_a_colleagues_customer_and_does_not_see_it_listed()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var others = await host.Client.CreateCustomerAsync();
        var mine = await rep.CreateCustomerAsync();

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Get, "/history", null), (HttpMethod.Get, "/follow-ups", null),
                     (HttpMethod.Patch, "", new { level = "A" }), (HttpMethod.Post, "/follow-ups", new { kind = "log", content = "x" }),
                     (HttpMethod.Post, "/lock", null), (HttpMethod.Post, "/unlock", null), (HttpMethod.Post, "/put-in-pool", new { }),
                     (HttpMethod.Post, "/transfer", new { toUserId = repId }), (HttpMethod.Post, "/team", new { userId = repId, access = "read" }),
                     (HttpMethod.Put, $"/team/{repId}", new { access = "read" }), (HttpMethod.Delete, $"/team/{repId}", null),
                 })
        {
            var response = await rep.SendAsync(method, $"{Route}/{others.Id()}{suffix}", body);
            Assert.True(404 == (int)response.StatusCode, $"{method} {suffix}: {(int)response.StatusCode}");
        }
        var bulk = await (await rep.SendAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = new[] { others.Id() }, toUserId = repId })).JsonAsync();
        Assert.Equal("customer_not_found", bulk.GetProperty("items")[0].GetProperty("code").GetString());
        var searched = await (await rep.SendAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "name", op = "eq", value = others.GetProperty("name").GetString() } })).JsonAsync();
        Assert.Equal(0, searched.GetProperty("items").GetArrayLength());
        await (await rep.SendAsync(HttpMethod.Post, Route, new { name = "For a colleague " + Guid.NewGuid(), ownerId = await AdminIdAsync() })).AssertProblemAsync(422, "ownerId");
        var listed = await (await rep.GetAsync(Route + "?limit=500")).JsonAsync();
        var ids = listed.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(mine.Id(), ids);
        Assert.DoesNotContain(others.Id(), ids);
        var byOwner = await (await host.Client.GetAsync($"{Route}?ownerId={repId}&limit=500")).JsonAsync();
        Assert.Equal(mine.Id(), Assert.Single(byOwner.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task a_team_member_sees_the_customer_whatever_the_scope_and_edits_only_with_read_write_access()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";

        var added = await host.Client.SendAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "read" });
        Assert.Equal(200, (int)added.StatusCode);
        Assert.Equal(repId, (await added.JsonAsync()).GetProperty("team")[0].GetProperty("userId").GetGuid());
        Assert.Equal(200, (int)(await rep.GetAsync(path)).StatusCode);
        Assert.Contains(customer.Id(), (await (await rep.GetAsync(Route + "?limit=500")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal(403, (int)(await rep.SendAsync(HttpMethod.Patch, path, new { level = "Z" })).StatusCode);

        await host.Client.SendAsync(HttpMethod.Put, $"{path}/team/{repId}", new { access = "read_write" });
        Assert.Equal(200, (int)(await rep.SendAsync(HttpMethod.Patch, path, new { level = "Z" })).StatusCode);

        var removed = await host.Client.SendAsync(HttpMethod.Delete, $"{path}/team/{repId}", null);
        Assert.Equal(0, (await removed.JsonAsync()).GetProperty("team").GetArrayLength());
        Assert.Equal(404, (int)(await rep.GetAsync(path)).StatusCode);

        var history = await (await host.Client.GetAsync(path + "/history")).JsonAsync();
        Assert.Contains("team_member_access_changed", history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task bad_team_requests_name_the_field()
    {
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var customer = await host.Client.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}/team";

        await (await host.Client.SendAsync(HttpMethod.Post, path, new { access = "read" })).AssertProblemAsync(400, "userId");
        await (await host.Client.SendAsync(HttpMethod.Post, path, new { userId = Guid.NewGuid(), access = "read" })).AssertProblemAsync(422, "userId");
        var (otherId, _) = await host.ColleagueAsync("self", "customer.list");
        await (await host.Client.SendAsync(HttpMethod.Post, path, new { userId = otherId, access = "admin" })).AssertProblemAsync(400, "access");
        var owner = await host.Client.SendAsync(HttpMethod.Post, path, new { userId = me.Id(), access = "read" });
        Assert.Equal("owner_cannot_be_team_member", (await owner.AssertProblemAsync(409)).GetProperty("code").GetString());
        await (await host.Client.SendAsync(HttpMethod.Delete, $"{path}/{otherId}", null)).AssertProblemAsync(422, "userId");
    }

    [Fact]
    public async Task a_transfer_moves_the_customer_and_its_contacts_in_one_append_and_keeps_the_previous_owner_on_the_team()
    {
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var contactId = Guid.CreateVersion7();
        await AppendContactAsync(contactId, customer.Id(), me.Id());

        var moved = await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/transfer",
            new { toUserId = repId, cascadeToContacts = true, keepPreviousOwnerAs = "read" }, ("If-Match", "\"1\""));

        Assert.Equal(200, (int)moved.StatusCode);
        var body = await moved.JsonAsync();
        Assert.Equal(repId, body.GetProperty("ownerId").GetGuid());
        Assert.Equal(me.Id(), body.GetProperty("team")[0].GetProperty("userId").GetGuid());
        Assert.Equal(200, (int)(await rep.GetAsync($"{Route}/{customer.Id()}")).StatusCode);
        await using var cmd = host.Database.DataSource.CreateCommand(
            "select c.owner_id, (select e.tx_id from es.events e where e.stream_id = c.id and e.version = 2) = (select e.tx_id from es.events e where e.stream_id = @customer and e.version = 2) from crm.contacts c where c.id = @id");
        cmd.Parameters.AddWithValue("id", contactId);
        cmd.Parameters.AddWithValue("customer", customer.Id());
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(repId, reader.GetGuid(0));
        Assert.True(reader.GetBoolean(1), "the contact moved in the customer's transaction");

        var history = await (await host.Client.GetAsync($"{Route}/{customer.Id()}/history")).JsonAsync();
        var transfer = history.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("action").GetString() == "transferred").GetProperty("changes")[0];
        Assert.Equal(me.Id().ToString(), transfer.GetProperty("old").GetString());
    }

    [Fact]
    public async Task a_stale_transfer_is_a_412_and_a_retried_one_with_its_idempotency_key_writes_nothing_new()
    {
        var (repId, _) = await host.ColleagueAsync("self", SalesRep);
        var (otherId, _) = await host.ColleagueAsync("self", SalesRep);
        var customer = await host.Client.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";
        await host.Client.SendAsync(HttpMethod.Patch, path, new { level = "B" });

        await (await host.Client.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId }, ("If-Match", "\"1\""))).AssertProblemAsync(412, "If-Match");

        var key = ("Idempotency-Key", "transfer-" + Guid.NewGuid());
        var first = await host.Client.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId }, key);
        Assert.Equal("\"3\"", first.ETag());
        var retry = await host.Client.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = repId }, key);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal("\"3\"", retry.ETag());
        await (await host.Client.SendAsync(HttpMethod.Post, path + "/transfer", new { toUserId = otherId }, key)).AssertProblemAsync(422, "Idempotency-Key");
        Assert.Equal(repId, (await (await host.Client.GetAsync(path)).JsonAsync()).GetProperty("ownerId").GetGuid());
    }

    [Fact]
    public async Task a_transfer_to_a_user_outside_the_scope_or_unknown_is_a_422_naming_to_user_id()
    {
        var (_, rep) = await host.ColleagueAsync("self", SalesRep);
        var (otherId, _) = await host.ColleagueAsync("self", SalesRep);
        var mine = await rep.CreateCustomerAsync();

        await (await rep.SendAsync(HttpMethod.Post, $"{Route}/{mine.Id()}/transfer", new { toUserId = otherId })).AssertProblemAsync(422, "toUserId");
        await (await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{mine.Id()}/transfer", new { toUserId = Guid.NewGuid() })).AssertProblemAsync(422, "toUserId");
        await (await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{mine.Id()}/transfer", new { })).AssertProblemAsync(400, "toUserId");
        await (await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{mine.Id()}/transfer", new { toUserId = otherId, keepPreviousOwnerAs = "boss" }))
            .AssertProblemAsync(400, "keepPreviousOwnerAs");
    }

    [Fact]
    public async Task a_bulk_transfer_answers_per_item_which_succeeded_and_which_failed_and_why()
    {
        var (repId, _) = await host.ColleagueAsync("self", SalesRep);
        var a = await host.Client.CreateCustomerAsync();
        var pooled = await host.Client.CreateCustomerAsync();
        await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{pooled.Id()}/put-in-pool", new { });
        var missing = Guid.NewGuid();

        var answer = await (await host.Client.SendAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = new[] { a.Id(), pooled.Id(), missing }, toUserId = repId })).JsonAsync();

        Assert.Equal(1, answer.GetProperty("succeeded").GetInt32());
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items[0].GetProperty("succeeded").GetBoolean());
        Assert.Equal("customer_in_pool", items[1].GetProperty("code").GetString());
        Assert.Equal("customer_not_found", items[2].GetProperty("code").GetString());
        await (await host.Client.SendAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = Array.Empty<Guid>(), toUserId = repId })).AssertProblemAsync(400, "ids");
    }

    private async Task<Guid> AdminIdAsync() => (await (await host.Client.GetAsync("/api/auth/me")).JsonAsync()).Id();

    private async Task AppendContactAsync(Guid contactId, Guid customerId, Guid ownerId)
    {
        var store = new EventStore.EventStore(host.Database.DataSource, Projections.CrmEventTypes.CreateRegistry(), Projections.CrmProjections.Inline());
        await store.AppendAsync(EventStore.StreamAppend.Start(contactId, "contact",
            new Events.Contacts.ContactCreated(contactId, customerId, new Events.ContactFields("Zhang Wei"), ownerId)));
    }
}
