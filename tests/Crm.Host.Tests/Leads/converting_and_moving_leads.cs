using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Testing;

namespace Crm.Host.Tests.Leads;

public sealed class converting_and_moving_leads(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<long> EventsOfAsync(Guid stream)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events where stream_id = @id");
        cmd.Parameters.AddWithValue("id", stream);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task converting_a_lead_creates_the_customer_and_contact_in_one_transaction()
    {
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Zhao"), new { company = LeadApi.Unique("Zhao Trading"), phone = "+86 139 1111 2222" });

        var response = await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert",
            new { customer = new { level = "A" }, contact = new { name = "Zhao Lei", title = "Buyer" } });

        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.JsonAsync();
        var customerId = body.GetProperty("customerId").GetGuid();
        var contactId = body.GetProperty("contactId").GetGuid();
        Assert.Equal(customerId, body.GetProperty("lead").GetProperty("convertedCustomerId").GetGuid());
        // One append: the three streams' events share one transaction id.
        await using var cmd = host.Database.DataSource.CreateCommand("select count(distinct tx_id), count(*) from es.events where stream_id = any(@ids) and version = 1 or (stream_id = @lead and version = 2)");
        cmd.Parameters.AddWithValue("ids", new[] { customerId, contactId });
        cmd.Parameters.AddWithValue("lead", lead.Id());
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((1L, 3L), (reader.GetInt64(0), reader.GetInt64(1)));
        await using var names = host.Database.DataSource.CreateCommand("select name, level, lead_id from crm.customers where id = @id");
        names.Parameters.AddWithValue("id", customerId);
        await using var row = await names.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal((lead.GetProperty("company").GetString(), "A", lead.Id()), (row.GetString(0), row.GetString(1), row.GetGuid(2)));
    }

    [Fact]
    public async Task a_conversion_retried_with_its_idempotency_key_answers_the_same_customer_and_writes_nothing()
    {
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Retry convert"));
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var first = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { contact = new { name = "Li" } }, key)).JsonAsync();
        var events = await host.EventCountAsync();

        var again = await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { contact = new { name = "Li" } }, key);

        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        var body = await again.JsonAsync();
        Assert.Equal(first.GetProperty("customerId").GetGuid(), body.GetProperty("customerId").GetGuid());
        Assert.Equal(first.GetProperty("contactId").GetGuid(), body.GetProperty("contactId").GetGuid());
        Assert.Equal(events, await host.EventCountAsync());
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { createAnyway = true }, key)).AssertProblemAsync(422);
    }

    [Fact]
    public async Task two_racing_conversions_of_one_lead_make_exactly_one_customer()
    {
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Race"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { createAnyway = true })));

        Assert.Single(answers, a => (int)a.StatusCode == 200);
        Assert.All(answers.Where(a => (int)a.StatusCode != 200), a => Assert.Equal(409, (int)a.StatusCode));
        Assert.Equal(1, await ScalarAsync("select count(*) from crm.customers where lead_id = @id", lead.Id()));
        Assert.Equal(2, await EventsOfAsync(lead.Id()));
    }

    private async Task<long> ScalarAsync(string sql, Guid id)
    {
        await using var cmd = host.Database.DataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task a_converted_lead_cannot_be_edited_transferred_or_converted_again()
    {
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Done"));
        Assert.Equal(200, (int)(await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { })).StatusCode);

        var edit = await (await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""")).AssertProblemAsync(409);
        Assert.Equal("lead_converted", edit.GetProperty("code").GetString());
        var again = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { })).AssertProblemAsync(409);
        Assert.Equal("lead_converted", again.GetProperty("code").GetString());
        // Follow-ups stay allowed: they record what happened around the conversion.
        Assert.Equal(201, (int)(await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "email", content = "Welcome pack sent" })).StatusCode);
    }

    [Fact]
    public async Task a_conversion_refused_for_a_bad_contact_writes_nothing()
    {
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Half"));
        var before = await host.EventCountAsync();

        var problem = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { contact = new { name = "", email = "nope" } })).AssertProblemAsync(400, "contact.name");

        Assert.True(problem.GetProperty("errors").TryGetProperty("contact.email", out _));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_conversion_into_a_duplicate_customer_is_a_409_unless_create_anyway()
    {
        var company = LeadApi.Unique("Twin Co");
        var first = await host.Client.CreateLeadAsync(extra: new { company });
        Assert.Equal(200, (int)(await host.Client.PostJsonAsync($"{LeadApi.Route}/{first.Id()}/convert", new { })).StatusCode);
        var second = await host.Client.CreateLeadAsync(extra: new { company, createAnyway = true });

        var problem = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{second.Id()}/convert", new { })).AssertProblemAsync(409);
        Assert.Equal("duplicate_suspected", problem.GetProperty("code").GetString());
        Assert.Equal("customer", problem.GetProperty("candidates")[0].GetProperty("kind").GetString());

        Assert.Equal(200, (int)(await host.Client.PostJsonAsync($"{LeadApi.Route}/{second.Id()}/convert", new { createAnyway = true })).StatusCode);
    }

    [Fact]
    public async Task a_stale_if_match_on_convert_is_a_412()
    {
        var lead = await host.Client.CreateLeadAsync();
        await host.Client.SendJsonAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""");

        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { }, ("If-Match", "\"1\""))).AssertProblemAsync(412);
    }

    [Fact]
    public async Task bulk_convert_answers_per_id_and_skips_what_it_cannot_convert()
    {
        var a = await host.Client.CreateLeadAsync(LeadApi.Unique("Bulk A"), new { phone = "+86 137 " + TestRandom.Next(1000_0000, 9999_9999) });
        var b = await host.Client.CreateLeadAsync(LeadApi.Unique("Bulk B"));
        var missing = Guid.CreateVersion7();

        var response = await host.Client.PostJsonAsync($"{LeadApi.Route}/convert", new { ids = new[] { a.Id(), missing, b.Id() }, withContact = true });

        var body = await response.JsonAsync();
        Assert.Equal((2, 1), (body.GetProperty("succeeded").GetInt32(), body.GetProperty("failed").GetInt32()));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal((404, "lead_not_found"), (items[1].GetProperty("status").GetInt32(), items[1].GetProperty("code").GetString()));
        var contacts = await host.Database.DataSource.CreateCommand($"select count(*) from crm.contacts where customer_id in ('{items[0].GetProperty("customerId").GetGuid()}', '{items[2].GetProperty("customerId").GetGuid()}')").ExecuteScalarAsync();
        Assert.Equal(2L, contacts);
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/convert", new { ids = Array.Empty<Guid>() })).AssertProblemAsync(400, "ids");
    }

    [Fact]
    public async Task transfer_moves_the_lead_and_bulk_transfer_reports_each_id()
    {
        var (userId, sales) = await host.SalesUserAsync();
        var one = await host.Client.CreateLeadAsync();
        var two = await host.Client.CreateLeadAsync();

        var single = await host.Client.PostJsonAsync($"{LeadApi.Route}/{one.Id()}/transfer", new { ownerId = userId });
        Assert.Equal(userId, (await single.JsonAsync()).GetProperty("ownerId").GetGuid());
        Assert.Equal(200, (int)(await sales.GetAsync($"{LeadApi.Route}/{one.Id()}")).StatusCode);

        var bulk = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/transfer", new { ids = new[] { two.Id(), Guid.CreateVersion7() }, ownerId = userId })).JsonAsync();
        Assert.Equal((1, 1), (bulk.GetProperty("succeeded").GetInt32(), bulk.GetProperty("failed").GetInt32()));

        // The self-scoped user cannot push a lead they cannot see; the unknown user is a 422 naming ownerId.
        var bulkHidden = await (await sales.PostJsonAsync($"{LeadApi.Route}/transfer", new { ids = new[] { (await host.Client.CreateLeadAsync()).Id() }, ownerId = userId })).JsonAsync();
        Assert.Equal(404, bulkHidden.GetProperty("items")[0].GetProperty("status").GetInt32());
        var unknown = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{one.Id()}/transfer", new { ownerId = Guid.CreateVersion7() }))
            .AssertProblemAsync(422, "ownerId");
        Assert.Equal("user_unusable", unknown.GetProperty("code").GetString());
        var none = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{one.Id()}/transfer", new { })).AssertProblemAsync(400, "ownerId");
        Assert.Equal("user_required", none.GetProperty("code").GetString());

        // A self-scoped user cannot give their own lead to someone outside their scope.
        var (outsider, _) = await host.SalesUserAsync();
        var outOfScope = await (await sales.PostJsonAsync($"{LeadApi.Route}/{one.Id()}/transfer", new { ownerId = outsider })).AssertProblemAsync(422, "ownerId");
        Assert.Equal("user_out_of_scope", outOfScope.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_lead_put_in_the_pool_is_listed_there_and_claimed_once()
    {
        var (userId, sales) = await host.SalesUserAsync();
        var lead = await host.Client.CreateLeadAsync(LeadApi.Unique("Pooled"));

        var pooled = await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/pool", new { reason = "No answer" });
        Assert.True((await pooled.JsonAsync()).GetProperty("inPool").GetBoolean());
        var pool = await (await sales.GetAsync($"{LeadApi.Route}/pool?limit=500")).JsonAsync();
        Assert.Contains(pool.GetProperty("items").EnumerateArray(), l => l.Id() == lead.Id());

        var claimed = await sales.PostJsonAsync($"{LeadApi.Route}/pool/{lead.Id()}/claim", null);
        Assert.Equal(userId, (await claimed.JsonAsync()).GetProperty("ownerId").GetGuid());
        var again = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/pool/{lead.Id()}/claim", null)).AssertProblemAsync(409);
        Assert.Equal("lead_not_in_pool", again.GetProperty("code").GetString());
        await (await sales.PostJsonAsync($"{LeadApi.Route}/pool/{Guid.CreateVersion7()}/claim", null)).AssertProblemAsync(404);

        var history = await (await sales.GetAsync($"{LeadApi.Route}/{lead.Id()}/history")).JsonAsync();
        Assert.Equal(["created", "put_in_pool", "claimed"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()!).ToArray());
    }

    [Fact]
    public async Task a_disabled_users_open_leads_are_handed_over_one_transfer_each()
    {
        var (leaver, leaverClient) = await host.SalesUserAsync();
        var heir = await host.Client.CreateUserAsync();
        var open = await leaverClient.CreateLeadAsync();
        var closed = await leaverClient.CreateLeadAsync();
        await leaverClient.PostJsonAsync($"{LeadApi.Route}/{closed.Id()}/convert", new { });
        await host.Client.PostJsonAsync($"/api/users/{leaver}/disable", null);

        var answer = await (await host.Client.PostJsonAsync($"/api/users/{leaver}/hand-over", new { toUserId = heir.Id() })).JsonAsync();

        Assert.Equal(1, answer.GetProperty("modules").GetProperty("leads").GetInt32());
        var read = await (await host.Client.GetAsync($"{LeadApi.Route}/{open.Id()}")).JsonAsync();
        Assert.Equal(heir.Id(), read.GetProperty("ownerId").GetGuid());
        Assert.Equal(leaver, (await (await host.Client.GetAsync($"{LeadApi.Route}/{closed.Id()}")).JsonAsync()).GetProperty("ownerId").GetGuid());
        var again = await (await host.Client.PostJsonAsync($"/api/users/{leaver}/hand-over", new { toUserId = heir.Id() })).JsonAsync();
        Assert.Equal(0, again.GetProperty("modules").GetProperty("leads").GetInt32());
    }

    [Fact]
    public async Task bad_pool_and_bulk_inputs_are_400s_naming_the_field()
    {
        var lead = await host.Client.CreateLeadAsync();

        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/pool", new { reason = new string('x', 501) })).AssertProblemAsync(400, "reason");
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/pool/not-a-uuid/claim", null)).AssertProblemAsync(400);
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/transfer", new { ids = Enumerable.Range(0, 501).Select(_ => Guid.CreateVersion7()), ownerId = Guid.CreateVersion7() })).AssertProblemAsync(400, "ids");
        var noOwner = await (await host.Client.PostJsonAsync($"{LeadApi.Route}/transfer", new { ids = new[] { lead.Id() } })).AssertProblemAsync(400, "ownerId");
        Assert.Equal("user_required", noOwner.GetProperty("code").GetString());
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/convert", new { ids = new[] { Guid.Empty } })).AssertProblemAsync(400, "ids");
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { customerId = Guid.Empty })).AssertProblemAsync(400, "customerId");
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/convert", new { customer = new { email = "nope" } })).AssertProblemAsync(400, "email");
        await (await host.Client.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "x", nextContactAt = "soon" })).AssertProblemAsync(400, "nextContactAt");
        Assert.Equal(1, await EventsOfAsync(lead.Id()));
    }

    [Fact]
    public async Task a_claim_of_an_owned_lead_outside_the_scope_is_a_404()
    {
        var (_, sales) = await host.SalesUserAsync();
        var lead = await host.Client.CreateLeadAsync();

        await (await sales.PostJsonAsync($"{LeadApi.Route}/pool/{lead.Id()}/claim", null)).AssertProblemAsync(404);
        Assert.Equal(1, await EventsOfAsync(lead.Id()));
    }
}
