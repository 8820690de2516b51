using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

public sealed class customer_scope_team_and_transfer(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_self_scoped_user_gets_404_for_a_colleagues_customer_and_does_not_see_it_listed()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var others = await host.Admin.CreateCustomerAsync();
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
            var response = await rep.Scenario(s =>
            {
                s.Send(method, $"{Route}/{others.Id()}{suffix}", body);
                s.IgnoreStatusCode();
            });
            Assert.True(404 == response.Status(), $"{method} {suffix}: {response.Status()}");
        }
        var bulk = (await rep.SendAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = new[] { others.Id() }, toUserId = repId })).Json();
        Assert.Equal("customer_not_found", bulk.GetProperty("items")[0].GetProperty("code").GetString());
        var searched = (await rep.SendAsync(HttpMethod.Post, $"{Route}/search",
            new { filter = new { field = "name", op = "eq", value = others.GetProperty("name").GetString() } })).Json();
        Assert.Equal(0, searched.GetProperty("items").GetArrayLength());
        await rep.RefusedAsync(HttpMethod.Post, Route, new { name = "For a colleague " + Guid.NewGuid(), ownerId = await AdminIdAsync() }, 422, "ownerId");
        var listed = await rep.GetJsonAsync(Route + "?limit=500");
        var ids = listed.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(mine.Id(), ids);
        Assert.DoesNotContain(others.Id(), ids);
        var byOwner = await host.Admin.GetJsonAsync($"{Route}?ownerId={repId}&limit=500");
        Assert.Equal(mine.Id(), Assert.Single(byOwner.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task a_team_member_sees_the_customer_whatever_the_scope_and_edits_only_with_read_write_access()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";

        var added = (await host.Admin.SendAsync(HttpMethod.Post, path + "/team", new { userId = repId, access = "read" })).Json();
        Assert.Equal(repId, added.GetProperty("team")[0].GetProperty("userId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, path, null);
        Assert.Contains(customer.Id(), (await rep.GetJsonAsync(Route + "?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        await rep.SendAsync(HttpMethod.Patch, path, new { level = "Z" }, 403);

        await host.Admin.SendAsync(HttpMethod.Put, $"{path}/team/{repId}", new { access = "read_write" });
        await rep.SendAsync(HttpMethod.Patch, path, new { level = "Z" });

        var removed = (await host.Admin.SendAsync(HttpMethod.Delete, $"{path}/team/{repId}", null)).Json();
        Assert.Equal(0, removed.GetProperty("team").GetArrayLength());
        await rep.SendAsync(HttpMethod.Get, path, null, 404);

        var history = await host.Admin.GetJsonAsync(path + "/history");
        Assert.Contains("team_member_access_changed", history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task bad_team_requests_name_the_field()
    {
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var customer = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}/team";

        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { access = "read" }, 400, "userId");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { userId = Guid.NewGuid(), access = "read" }, 422, "userId");
        var (otherId, _) = await host.SignedInUserAsync("self", "customer.list");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { userId = otherId, access = "admin" }, 400, "access");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { userId = me.Id(), access = "read" }, 409, code: "owner_cannot_be_team_member");
        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{path}/{otherId}", null, 422, "userId");
    }

    [Fact]
    public async Task a_transfer_moves_the_customer_and_its_contacts_in_one_append_and_keeps_the_previous_owner_on_the_team()
    {
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var contactId = Guid.CreateVersion7();
        await AppendContactAsync(contactId, customer.Id(), me.Id());

        var moved = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { toUserId = repId, cascadeToContacts = true, keepPreviousOwnerAs = "read" }).ToUrl($"{Route}/{customer.Id()}/transfer");
            s.IfMatch("\"1\"");
        });

        var body = moved.Json();
        Assert.Equal(repId, body.GetProperty("ownerId").GetGuid());
        Assert.Equal(me.Id(), body.GetProperty("team")[0].GetProperty("userId").GetGuid());
        await rep.SendAsync(HttpMethod.Get, $"{Route}/{customer.Id()}", null);
        await using var cmd = host.Database.DataSource.CreateCommand(
            "select c.owner_id, (select e.tx_id from es.events e where e.stream_id = c.id and e.version = 2) = (select e.tx_id from es.events e where e.stream_id = @customer and e.version = 2) from crm.contacts c where c.id = @id");
        cmd.Parameters.AddWithValue("id", contactId);
        cmd.Parameters.AddWithValue("customer", customer.Id());
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(repId, reader.GetGuid(0));
        Assert.True(reader.GetBoolean(1), "the contact moved in the customer's transaction");

        var history = await host.Admin.GetJsonAsync($"{Route}/{customer.Id()}/history");
        var transfer = history.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("action").GetString() == "transferred").GetProperty("changes")[0];
        Assert.Equal(me.Id().ToString(), transfer.GetProperty("old").GetString());
    }

    [Fact]
    public async Task a_stale_transfer_is_a_412_and_a_retried_one_with_its_idempotency_key_writes_nothing_new()
    {
        var (repId, _) = await host.SignedInUserAsync("self", SalesRep);
        var (otherId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var path = $"{Route}/{customer.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { level = "B" });

        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { toUserId = repId }).ToUrl(path + "/transfer");
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, "If-Match");
        });

        var key = "transfer-" + Guid.NewGuid();
        Task<IScenarioResult> Transfer(Guid to, Action<Scenario> expect) => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { toUserId = to }).ToUrl(path + "/transfer");
            s.IdempotencyKey(key);
            expect(s);
        });
        var first = await Transfer(repId, _ => { });
        Assert.Equal("\"3\"", first.ETag());
        var retry = await Transfer(repId, _ => { });
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal("\"3\"", retry.ETag());
        await Transfer(otherId, s => s.ProblemShouldBe(422, "Idempotency-Key"));
        Assert.Equal(repId, (await host.Admin.GetJsonAsync(path)).GetProperty("ownerId").GetGuid());
    }

    [Fact]
    public async Task a_transfer_to_a_user_outside_the_scope_or_unknown_is_a_422_naming_to_user_id()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (otherId, _) = await host.SignedInUserAsync("self", SalesRep);
        var mine = await rep.CreateCustomerAsync();
        var path = $"{Route}/{mine.Id()}/transfer";

        await rep.RefusedAsync(HttpMethod.Post, path, new { toUserId = otherId }, 422, "toUserId");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { toUserId = Guid.NewGuid() }, 422, "toUserId");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { }, 400, "toUserId");
        await host.Admin.RefusedAsync(HttpMethod.Post, path, new { toUserId = otherId, keepPreviousOwnerAs = "boss" }, 400, "keepPreviousOwnerAs");
    }

    [Fact]
    public async Task a_bulk_transfer_answers_per_item_which_succeeded_and_which_failed_and_why()
    {
        var (repId, _) = await host.SignedInUserAsync("self", SalesRep);
        var a = await host.Admin.CreateCustomerAsync();
        var pooled = await host.Admin.CreateCustomerAsync();
        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{pooled.Id()}/put-in-pool", new { });
        var missing = Guid.NewGuid();

        var answer = (await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = new[] { a.Id(), pooled.Id(), missing }, toUserId = repId })).Json();

        Assert.Equal(1, answer.GetProperty("succeeded").GetInt32());
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items[0].GetProperty("succeeded").GetBoolean());
        Assert.Equal("customer_in_pool", items[1].GetProperty("code").GetString());
        Assert.Equal("customer_not_found", items[2].GetProperty("code").GetString());
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/transfer", new { ids = Array.Empty<Guid>(), toUserId = repId }, 400, "ids");
    }

    private async Task<Guid> AdminIdAsync() => (await host.Admin.GetJsonAsync("/api/auth/me")).Id();

    private async Task AppendContactAsync(Guid contactId, Guid customerId, Guid ownerId)
    {
        var store = new EventStore.EventStore(host.Database.DataSource, Projections.CrmEventTypes.CreateRegistry(), Projections.CrmProjections.Inline());
        await store.AppendAsync(EventStore.StreamAppend.Start(contactId, "contact",
            new Events.Contacts.ContactCreated(contactId, customerId, new Events.ContactFields("Zhang Wei"), ownerId)));
    }
}
