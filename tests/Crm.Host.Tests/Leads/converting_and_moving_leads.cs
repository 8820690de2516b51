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
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Zhao"), new { company = LeadApi.Unique("Zhao Trading"), phone = "+86 139 1111 2222" });

        var body = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert",
            new { customer = new { level = "A" }, contact = new { name = "Zhao Lei", title = "Buyer" } })).Json();

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
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Retry convert"));
        var key = Guid.NewGuid().ToString();
        var first = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { contact = new { name = "Li" } }, idempotencyKey: key)).Json();
        var events = await host.EventCountAsync();

        var again = await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { contact = new { name = "Li" } }, idempotencyKey: key);

        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        var body = again.Json();
        Assert.Equal(first.GetProperty("customerId").GetGuid(), body.GetProperty("customerId").GetGuid());
        Assert.Equal(first.GetProperty("contactId").GetGuid(), body.GetProperty("contactId").GetGuid());
        Assert.Equal(events, await host.EventCountAsync());
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { createAnyway = true }, 422, idempotencyKey: key);
    }

    [Fact]
    public async Task two_racing_conversions_of_one_lead_make_exactly_one_customer()
    {
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Race"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { createAnyway = true }).ToUrl($"{LeadApi.Route}/{lead.Id()}/convert");
            s.IgnoreStatusCode();
        })));

        Assert.Single(answers, a => a.Status() == 200);
        Assert.All(answers.Where(a => a.Status() != 200), a => Assert.Equal(409, a.Status()));
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
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Done"));
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { });

        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""", 409, code: "lead_converted");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { }, 409, code: "lead_converted");
        // Follow-ups stay allowed: they record what happened around the conversion.
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "email", content = "Welcome pack sent" }, 201);
    }

    [Fact]
    public async Task a_conversion_refused_for_a_bad_contact_writes_nothing()
    {
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Half"));
        var before = await host.EventCountAsync();

        var problem = await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { contact = new { name = "", email = "nope" } }, 400, "contact.name");

        Assert.True(problem.GetProperty("errors").TryGetProperty("contact.email", out _));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_conversion_into_a_duplicate_customer_is_a_409_unless_create_anyway()
    {
        var company = LeadApi.Unique("Twin Co");
        var first = await host.Admin.CreateLeadAsync(extra: new { company });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{first.Id()}/convert", new { });
        var second = await host.Admin.CreateLeadAsync(extra: new { company, createAnyway = true });

        var problem = await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{second.Id()}/convert", new { }, 409, code: "duplicate_suspected");
        Assert.Equal("customer", problem.GetProperty("candidates")[0].GetProperty("kind").GetString());

        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{second.Id()}/convert", new { createAnyway = true });
    }

    [Fact]
    public async Task a_stale_if_match_on_convert_is_a_412()
    {
        var lead = await host.Admin.CreateLeadAsync();
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"{LeadApi.Route}/{lead.Id()}", """{"level":"A"}""");

        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { }, 412, ifMatch: "\"1\"");
    }

    [Fact]
    public async Task bulk_convert_answers_per_id_and_skips_what_it_cannot_convert()
    {
        var a = await host.Admin.CreateLeadAsync(LeadApi.Unique("Bulk A"), new { phone = "+86 137 " + TestRandom.Next(1000_0000, 9999_9999) });
        var b = await host.Admin.CreateLeadAsync(LeadApi.Unique("Bulk B"));
        var missing = Guid.CreateVersion7();

        var body = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/convert", new { ids = new[] { a.Id(), missing, b.Id() }, withContact = true })).Json();

        Assert.Equal((2, 1), (body.GetProperty("succeeded").GetInt32(), body.GetProperty("failed").GetInt32()));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal((404, "lead_not_found"), (items[1].GetProperty("status").GetInt32(), items[1].GetProperty("code").GetString()));
        var contacts = await host.Database.DataSource.CreateCommand($"select count(*) from crm.contacts where customer_id in ('{items[0].GetProperty("customerId").GetGuid()}', '{items[2].GetProperty("customerId").GetGuid()}')").ExecuteScalarAsync();
        Assert.Equal(2L, contacts);
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/convert", new { ids = Array.Empty<Guid>() }, 400, "ids");
    }

    [Fact]
    public async Task transfer_moves_the_lead_and_bulk_transfer_reports_each_id()
    {
        var (userId, sales) = await host.SalesCallerAsync();
        var one = await host.Admin.CreateLeadAsync();
        var two = await host.Admin.CreateLeadAsync();

        var single = await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{one.Id()}/transfer", new { ownerId = userId });
        Assert.Equal(userId, single.Json().GetProperty("ownerId").GetGuid());
        await sales.GetJsonAsync($"{LeadApi.Route}/{one.Id()}");

        var bulk = (await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/transfer", new { ids = new[] { two.Id(), Guid.CreateVersion7() }, ownerId = userId })).Json();
        Assert.Equal((1, 1), (bulk.GetProperty("succeeded").GetInt32(), bulk.GetProperty("failed").GetInt32()));

        // The self-scoped user cannot push a lead they cannot see; the unknown user is a 422 naming ownerId.
        var bulkHidden = (await sales.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/transfer", new { ids = new[] { (await host.Admin.CreateLeadAsync()).Id() }, ownerId = userId })).Json();
        Assert.Equal(404, bulkHidden.GetProperty("items")[0].GetProperty("status").GetInt32());
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{one.Id()}/transfer", new { ownerId = Guid.CreateVersion7() }, 422, "ownerId", "user_unusable");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{one.Id()}/transfer", new { }, 400, "ownerId", "user_required");

        // A self-scoped user cannot give their own lead to someone outside their scope.
        var (outsider, _) = await host.SalesCallerAsync();
        await sales.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{one.Id()}/transfer", new { ownerId = outsider }, 422, "ownerId", "user_out_of_scope");
    }

    [Fact]
    public async Task a_lead_put_in_the_pool_is_listed_there_and_claimed_once()
    {
        var (userId, sales) = await host.SalesCallerAsync();
        var lead = await host.Admin.CreateLeadAsync(LeadApi.Unique("Pooled"));

        var pooled = await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/pool", new { reason = "No answer" });
        Assert.True(pooled.Json().GetProperty("inPool").GetBoolean());
        var pool = await sales.GetJsonAsync($"{LeadApi.Route}/pool?limit=500");
        Assert.Contains(pool.GetProperty("items").EnumerateArray(), l => l.Id() == lead.Id());

        var claimed = await sales.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/pool/{lead.Id()}/claim", null);
        Assert.Equal(userId, claimed.Json().GetProperty("ownerId").GetGuid());
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/pool/{lead.Id()}/claim", null, 409, code: "lead_not_in_pool");
        await sales.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/pool/{Guid.CreateVersion7()}/claim", null, 404);

        var history = await sales.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}/history");
        Assert.Equal(["created", "put_in_pool", "claimed"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()!).ToArray());
    }

    [Fact]
    public async Task a_disabled_users_open_leads_are_handed_over_one_transfer_each()
    {
        var (leaver, leaverCaller) = await host.SalesCallerAsync();
        var heir = await host.Admin.CreateUserAsync();
        var open = await leaverCaller.CreateLeadAsync();
        var closed = await leaverCaller.CreateLeadAsync();
        await leaverCaller.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{closed.Id()}/convert", new { });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"/api/users/{leaver}/disable", null);

        var answer = (await host.Admin.ExpectAsync(HttpMethod.Post, $"/api/users/{leaver}/hand-over", new { toUserId = heir.Id() })).Json();

        Assert.Equal(1, answer.GetProperty("modules").GetProperty("leads").GetInt32());
        var read = await host.Admin.GetJsonAsync($"{LeadApi.Route}/{open.Id()}");
        Assert.Equal(heir.Id(), read.GetProperty("ownerId").GetGuid());
        Assert.Equal(leaver, (await host.Admin.GetJsonAsync($"{LeadApi.Route}/{closed.Id()}")).GetProperty("ownerId").GetGuid());
        var again = (await host.Admin.ExpectAsync(HttpMethod.Post, $"/api/users/{leaver}/hand-over", new { toUserId = heir.Id() })).Json();
        Assert.Equal(0, again.GetProperty("modules").GetProperty("leads").GetInt32());
    }

    [Fact]
    public async Task bad_pool_and_bulk_inputs_are_400s_naming_the_field()
    {
        var lead = await host.Admin.CreateLeadAsync();

        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/pool", new { reason = new string('x', 501) }, 400, "reason");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/pool/not-a-uuid/claim", null, 400);
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/transfer", new { ids = Enumerable.Range(0, 501).Select(_ => Guid.CreateVersion7()), ownerId = Guid.CreateVersion7() }, 400, "ids");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/transfer", new { ids = new[] { lead.Id() } }, 400, "ownerId", "user_required");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/convert", new { ids = new[] { Guid.Empty } }, 400, "ids");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { customerId = Guid.Empty }, 400, "customerId");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/convert", new { customer = new { email = "nope" } }, 400, "email");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "x", nextContactAt = "soon" }, 400, "nextContactAt");
        Assert.Equal(1, await EventsOfAsync(lead.Id()));
    }

    [Fact]
    public async Task a_claim_of_an_owned_lead_outside_the_scope_is_a_404()
    {
        var (_, sales) = await host.SalesCallerAsync();
        var lead = await host.Admin.CreateLeadAsync();

        await sales.RefusalAsync(HttpMethod.Post, $"{LeadApi.Route}/pool/{lead.Id()}/claim", null, 404);
        Assert.Equal(1, await EventsOfAsync(lead.Id()));
    }
}
