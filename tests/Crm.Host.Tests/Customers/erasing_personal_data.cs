using System.Text.Json;
using Alba;
using Crm.EventStore.Daemon;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

/// <summary>
/// POST /api/{customers,leads,contacts}/{id}/erase (docs/event-store.md, "Erasure"): the personal values are gone from the record, its
/// history, time travel, the export, the audit feed and notifications; the erasure is an event; rebuilt read models come out equal.
/// </summary>
public sealed class erasing_personal_data(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Erased = "[erased]";
    // Every record its own phone and e-mail: the same ones twice would be a duplicate (409 duplicate_suspected).
    private static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static readonly object Reason = new { reason = "Data subject request #118" };

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> CustomerWithPersonalDataAsync(ApiCaller? by = null) => await (by ?? host.Admin).CreateCustomerAsync(new
    {
        phone = NewPhone(), email = $"{Guid.NewGuid():N}@acme.example", address = "No. 8 Secret Road", remark = "Private mobile 13700000000", level = "A",
    });

    private static Task<IScenarioResult> EraseAsync(ApiCaller caller, string path, int status = 200, object? body = null, string? ifMatch = null,
        string? key = null) => caller.Scenario(s =>
        {
            s.Post.Json(body ?? Reason).ToUrl(path + "/erase");
            s.IfMatch(ifMatch);
            if (key is not null) s.IdempotencyKey(key);
            s.StatusCodeShouldBe(status);
        });

    [Fact]
    public async Task a_customers_personal_data_is_erased_from_the_record_its_history_time_travel_the_export_and_the_feed()
    {
        var customer = await CustomerWithPersonalDataAsync();
        var (phone, edited) = (customer.GetProperty("phone").GetString()!, NewPhone());
        var path = $"{Route}/{customer.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { phone = edited, level = "B" });

        var erased = (await EraseAsync(host.Admin, path, ifMatch: "\"2\"")).Json();
        Assert.Equal((customer.GetProperty("name").GetString(), Erased, Erased, Erased, Erased, "B"),
            (erased.GetProperty("name").GetString(), erased.GetProperty("phone").GetString(), erased.GetProperty("email").GetString(),
                erased.GetProperty("address").GetString(), erased.GetProperty("remark").GetString(), erased.GetProperty("level").GetString()));
        Assert.Equal(3, erased.GetProperty("version").GetInt32());

        var detail = await host.Admin.GetJsonAsync(path);
        Assert.Equal(Erased, detail.GetProperty("phone").GetString());
        var first = await host.Admin.GetJsonAsync(path + "?version=1");
        Assert.Equal((Erased, "A"), (first.GetProperty("phone").GetString(), first.GetProperty("level").GetString()));
        var asOf = await host.Admin.GetJsonAsync(path + "?asOf=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O")));
        Assert.Equal(Erased, asOf.GetProperty("email").GetString());

        var history = (await host.Admin.GetJsonAsync(path + "/history")).GetRawText();
        Assert.DoesNotContain(phone, history);
        Assert.DoesNotContain(edited, history);
        Assert.DoesNotContain("Secret Road", history);
        Assert.Contains("personal_data_erased", history);
        Assert.Contains("Data subject request #118", history);

        var export = await host.Admin.Scenario(s =>
            s.Post.Json(new { filter = new { and = new[] { new { field = "name", op = "eq", value = customer.GetProperty("name").GetString() } } } })
                .ToUrl("/api/customers/export"));
        var csv = export.ReadAsText();
        Assert.Contains(Erased, csv);
        Assert.DoesNotContain(phone, csv);

        var feed = await FeedOfAsync(customer.Id());
        Assert.Equal(["customer.created", "customer.edited", "customer.personal-data-erased"], feed.Select(e => e.GetProperty("type").GetString()));
        Assert.DoesNotContain(phone, string.Join("\n", feed.Select(e => e.GetRawText())));
        Assert.DoesNotContain("Secret Road", string.Join("\n", feed.Select(e => e.GetRawText())));
        Assert.Equal(["address", "phone", "email", "remark"],
            feed[2].GetProperty("data").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));

        // Nowhere in the database but the marker: the events, snapshots, read models.
        Assert.Equal(0L, await ScalarAsync($"select count(*) from es.events where stream_id = '{customer.Id()}' and data::text like '%{phone}%'"));
        Assert.Equal(1L, await ScalarAsync($"select count(*) from es.erasures where stream_id = '{customer.Id()}'"));
    }

    [Fact]
    public async Task erasing_twice_is_a_409_until_new_personal_data_is_recorded_which_is_kept_and_erased_again()
    {
        var customer = await CustomerWithPersonalDataAsync();
        var path = $"{Route}/{customer.Id()}";
        await EraseAsync(host.Admin, path);
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/erase", Reason, 409, code: "already_erased");

        // Another field's edit passes although the erased phone and e-mail are no phone and no e-mail; new data is new consent.
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { level = "C" });
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/erase", Reason, 409, code: "already_erased");
        var phone = NewPhone();
        var edited = (await host.Admin.SendAsync(HttpMethod.Patch, path, new { phone })).Json();
        Assert.Equal((phone, Erased), (edited.GetProperty("phone").GetString(), edited.GetProperty("email").GetString()));

        var again = (await EraseAsync(host.Admin, path)).Json();
        Assert.Equal(Erased, again.GetProperty("phone").GetString());
        Assert.Equal(2L, await ScalarAsync($"select count(*) from es.erasures where stream_id = '{customer.Id()}'"));
    }

    [Fact]
    public async Task the_erase_routes_refuse_bad_reasons_stale_versions_and_replay_an_idempotency_key()
    {
        var customer = await CustomerWithPersonalDataAsync();
        var path = $"{Route}/{customer.Id()}";
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/erase", new { }, 400, "reason", "reason_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/erase", new { reason = new string('x', 501) }, 400, "reason", "reason_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/erase", Reason, 412, "If-Match", "stale_version", ifMatch: "\"7\"");

        var key = Guid.NewGuid().ToString();
        var first = await EraseAsync(host.Admin, path, key: key);
        var replay = await EraseAsync(host.Admin, path, key: key);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(first.ETag(), replay.ETag());
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { reason = "another" }).ToUrl(path + "/erase");
            s.IdempotencyKey(key);
            s.ProblemShouldBe(422, "Idempotency-Key", "idempotency_key_reused");
        });
    }

    [Fact]
    public async Task without_the_permission_it_is_403_outside_the_scope_or_through_the_wrong_route_404()
    {
        var (_, rep) = await host.SignedInUserAsync("self", [.. SalesRep, "lead.create", "lead.detail"]);
        var (_, eraser) = await host.SignedInUserAsync("self", "customer.erase", "lead.erase", "contact.erase", "customer.detail");
        var mine = await CustomerWithPersonalDataAsync(rep);
        var phone = NewPhone();
        var lead = await rep.CreateLeadAsync(extra: new { phone });

        await rep.Scenario(s =>
        {
            s.Post.Json(Reason).ToUrl($"{Route}/{mine.Id()}/erase");
            s.ProblemShouldBe(403, code: "permission_denied");
        });
        // Another owner's records (the super administrator's too) are not confirmed to exist, nor is a missing one.
        var admins = await CustomerWithPersonalDataAsync();
        foreach (var hidden in new[] { $"{Route}/{mine.Id()}", $"{Route}/{admins.Id()}", $"{Route}/{Guid.NewGuid()}", $"/api/leads/{lead.Id()}" })
        {
            await eraser.RefusedAsync(HttpMethod.Post, hidden + "/erase", Reason, 404);
            await eraser.RefusedAsync(HttpMethod.Post, hidden + "/erase", Reason, 404, ifMatch: "\"99\"");
        }
        // A lead's id through the customers' and contacts' routes is no customer and no contact.
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{lead.Id()}/erase", Reason, 404, code: "customer_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"/api/contacts/{mine.Id()}/erase", Reason, 404, code: "contact_not_found");
        Assert.Equal(mine.GetProperty("phone").GetString(), (await rep.GetJsonAsync($"{Route}/{mine.Id()}")).GetProperty("phone").GetString());
        Assert.Equal(phone, (await rep.GetJsonAsync($"/api/leads/{lead.Id()}")).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task a_lead_and_a_contact_lose_their_names_too_and_the_contacts_notification_with_it()
    {
        var leadName = Unique("Wang Fang");
        var lead = await host.Admin.CreateLeadAsync(leadName, new { company = Unique("Acme"), phone = NewPhone(), email = $"{Guid.NewGuid():N}@acme.example" });
        var erasedLead = (await EraseAsync(host.Admin, $"/api/leads/{lead.Id()}")).Json();
        Assert.Equal((Erased, Erased, lead.GetProperty("company").GetString()),
            (erasedLead.GetProperty("name").GetString(), erasedLead.GetProperty("phone").GetString(), erasedLead.GetProperty("company").GetString()));
        Assert.DoesNotContain(leadName, (await host.Admin.GetJsonAsync($"/api/leads/{lead.Id()}/history")).GetRawText());

        var (colleagueId, colleague) = await host.SignedInUserAsync("self", "contact.detail");
        var customer = await host.Admin.CreateCustomerAsync();
        var contactName = Unique("Li Lei");
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = contactName, phone = NewPhone(), title = "CTO" });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contacts/{contact.Id()}/transfer", new { toUserId = colleagueId });
        await host.CaughtUpAsync(); // notifications are delivered by a subscription, shortly after their event
        Assert.Contains(contactName, (await colleague.GetJsonAsync("/api/notifications")).GetRawText());

        var erasedContact = (await EraseAsync(host.Admin, $"/api/contacts/{contact.Id()}")).Json();
        Assert.Equal((Erased, Erased, "CTO"),
            (erasedContact.GetProperty("name").GetString(), erasedContact.GetProperty("phone").GetString(), erasedContact.GetProperty("title").GetString()));
        await host.CaughtUpAsync();
        var notifications = (await colleague.GetJsonAsync("/api/notifications")).GetRawText();
        Assert.DoesNotContain(contactName, notifications);
        Assert.Contains("Contact [erased] was transferred to you.", notifications);
    }

    [Fact]
    public async Task the_read_models_rebuilt_from_the_masked_events_equal_the_ones_built_inline()
    {
        var customer = await CustomerWithPersonalDataAsync();
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{customer.Id()}", new { email = "new@acme.example" });
        await EraseAsync(host.Admin, $"{Route}/{customer.Id()}");
        var (colleagueId, _) = await host.SignedInUserAsync("self", "contact.detail");
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = Unique("Han Mei"), email = $"{Guid.NewGuid():N}@x.example" });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contacts/{contact.Id()}/transfer", new { toUserId = colleagueId });
        await EraseAsync(host.Admin, $"/api/contacts/{contact.Id()}");
        await host.Admin.SendAsync(HttpMethod.Patch, $"/api/contacts/{contact.Id()}", new { name = Unique("Han Mei") });
        var lead = await host.Admin.CreateLeadAsync(extra: new { phone = NewPhone(), remark = "call after six" });
        await EraseAsync(host.Admin, $"/api/leads/{lead.Id()}");

        await host.CaughtUpAsync();
        string[] tables = ["crm.customers", "crm.contacts", "crm.leads", "crm.notifications", "crm.notification_names"];
        var before = await TablesAsync(tables);
        // Rebuilt as an operator rebuilds them: the inline read models blue/green, the notifications subscription replayed, all from the
        // (masked) events of the feed.
        var daemon = host.Services.GetRequiredService<ProjectionDaemon>();
        string[] projections = ["crm.customers", "crm.contacts", "crm.leads", "crm.notifications"]; // crm.notification_names is the last one's
        Assert.All(projections, p => Assert.Contains(p, daemon.ProjectionNames));
        foreach (var projection in projections) await daemon.RebuildAsync(projection);
        await host.CaughtUpAsync();
        var after = await TablesAsync(tables);
        // Table by table, so a failure names the table and its differing rows (it failed once, unexplained, beside the other tests).
        foreach (var table in tables)
            Assert.True(before[table].SequenceEqual(after[table]),
                $"{table} differs: only before [{string.Join("; ", before[table].Except(after[table]))}], " +
                $"only after [{string.Join("; ", after[table].Except(before[table]))}]");
    }

    private async Task<List<JsonElement>> FeedOfAsync(Guid streamId)
    {
        var events = new List<JsonElement>();
        string? after = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (events.Count(e => e.GetProperty("streamId").GetGuid() == streamId) < 3 && DateTime.UtcNow < deadline)
        {
            var page = await host.Admin.GetJsonAsync("/api/events?limit=500" + (after is null ? "" : "&after=" + after));
            events.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
            if (!page.GetProperty("hasMore").GetBoolean()) await Task.Delay(20);
        }
        return events.Where(e => e.GetProperty("streamId").GetGuid() == streamId).ToList();
    }

    private async Task<Dictionary<string, List<string>>> TablesAsync(string[] tables)
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var cmd = host.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by 1");
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            snapshot[table] = rows;
        }
        return snapshot;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = host.Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
