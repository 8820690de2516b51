using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Host.Tests.Attachments;
using Crm.Host.Tests.Customers;
using Crm.Projections;
using Crm.Host.Tests.EndToEnd;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Invoices;
using Crm.Host.Tests.Opportunities;
using Crm.Host.Tests.Products;
using Crm.Host.Tests.Scenes;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// Issue 13, part 2: every inline read model (org tables, credentials, notifications and the access counter included) rebuilt
/// blue/green equals what the appends built, row for row — quietly, and while commands keep writing through the API. While a shadow
/// is built, a trigger on every live table refuses writes made by the rebuild: a statement that escaped the redirection fails.
/// </summary>
public sealed class rebuilding_every_read_model(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task every_read_model_rebuilt_blue_green_quietly_and_under_concurrent_commands_equals_the_one_built_incrementally()
    {
        // Every module's records, through the API: org, users, leads, customers, opportunities, contracts, approvals, payments, targets,
        // notifications (the end-to-end story), plus contacts, follow-ups and a scene.
        await new from_lead_to_paid_contract(host).a_lead_is_converted_won_contracted_approved_by_a_countersign_planned_paid_and_counted_towards_the_reps_targets();
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer}/follow-ups", new { kind = "communication", content = "Called" }, 201);
        await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer, name = "Liu Yang" });
        // A record linked to an external id (crm.external_ids).
        await host.Admin.SendAsync(HttpMethod.Put, $"{CustomerApi.Route}/by-external-id/erp/rebuild-1", new { name = "Linked " + Guid.NewGuid() }, 201);
        // Record care: one customer archived, one merged into the customer (its contact and follow-ups move with it).
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{(await host.Admin.CreateCustomerAsync()).Id()}/archive", new { reason = "Quiet" });
        var duplicate = (await host.Admin.CreateCustomerAsync()).Id();
        var moved = await host.Admin.CreatedAsync("/api/contacts", new { customerId = duplicate, name = "Qian Yu" });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contacts/{moved.Id()}/follow-ups", new { kind = "log", content = "Before the merge" }, 201);
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/merge", new { survivorId = customer, mergedId = duplicate });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contacts/{moved.Id()}/follow-ups", new { kind = "log", content = "After the merge" }, 201);
        // An erasure masks earlier events in place: a rebuild from them must equal the rows the erasure event masked.
        var erased = (await host.Admin.CreateCustomerAsync(new { phone = "010-62345678", address = "1 Chang'an Ave" })).Id();
        // Attachments: one kept, one deleted, one whose name the erasure masks.
        await host.Admin.UploadAsync($"{CustomerApi.Route}/{customer}", AttachmentApi.Pdf(), "offer.pdf");
        var deleted = await host.Admin.UploadAsync($"{CustomerApi.Route}/{customer}", AttachmentApi.Png, "logo.png");
        await host.Admin.SendAsync(HttpMethod.Delete, deleted.Route(), null, 204);
        await host.Admin.UploadAsync($"{CustomerApi.Route}/{erased}", AttachmentApi.Png, "Zhang Wei ID card.png");
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{erased}/erase", new { reason = "PIPL request" });
        var colleague = (await host.Admin.CreateUserAsync(name: "Sun Li")).Id();
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer}/team", new { userId = colleague, access = "read" });
        var opportunity = await host.CreateOpportunityAsync(host.Admin, customer);
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/opportunities/{opportunity.Id()}/team", new { userId = colleague, access = "read" });
        // The story's contract (approved and paid): a seeded one would need a second contract flow beside the story's.
        Guid contract;
        await using (var find = host.Database.DataSource.CreateCommand("select id from crm.contracts order by created_at limit 1"))
            contract = (Guid)(await find.ExecuteScalarAsync())!;
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/contracts/{contract}/team", new { userId = colleague, access = "read" });
        await host.Admin.CreatedAsync("/api/invoices", InvoiceSeeds.Body(contract, 2_000m));
        await host.Admin.CreatedAsync("/api/positions", new { name = "Rep", departmentId = (await host.Admin.CreateDepartmentAsync("Field")).Id() });
        await host.Admin.CreateCategoryAsync("Widgets");
        // Custom fields (SET-1): a definition changed once, and a customer holding its value.
        var tier = await host.Admin.CreatedAsync("/api/custom-fields",
            new { kind = "customer", key = "tier", label = "Tier", type = "single_select", options = new[] { new { key = "gold", label = "Gold" } } });
        await host.Admin.SendAsync(HttpMethod.Patch, $"/api/custom-fields/{tier.Id()}", new { label = "Service tier" });
        await host.Admin.CreateCustomerAsync(new { custom = new { tier = "gold" } });
        await host.Admin.CreateSceneAsync();
        await host.Admin.CreatedAsync("/api/workflows", new // disabled: a seed rule that runs on nothing
        {
            name = "Seed rule", enabled = false, trigger = new { recordKind = "lead", on = "no_follow_up", days = 7 }, actions = new[] { new { type = "notify", text = "Quiet" } },
        });
        await host.Admin.SendAsync(HttpMethod.Put, Classification.ClassificationApi.Route,
            Classification.ClassificationApi.Thresholds(recency: [7, 30, 90, 180]));
        var task = await host.Admin.CreatedAsync("/api/tasks",
            new { name = "Call back", participantIds = new[] { colleague }, related = new[] { new { kind = "customer", id = customer } } });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/tasks/{task.Id()}/subtasks", new { title = "Draft" }, 201);
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/tasks/{task.Id()}/comments", new { text = "Noted" }, 201);
        var meeting = await host.Admin.CreatedAsync("/api/calendar/events", new
        {
            title = "Weekly review", start = "2030-03-25T09:00:00+01:00", end = "2030-03-25T10:00:00+01:00", timeZone = "Europe/Berlin",
            rrule = "FREQ=WEEKLY;COUNT=4", reminderMinutes = new[] { 15 }, attendeeIds = new[] { colleague },
            related = new[] { new { kind = "customer", id = customer } },
        });
        await host.Admin.SendAsync(HttpMethod.Delete, $"/api/calendar/events/{meeting.Id()}/occurrences/2030-04-01T07:00:00Z");
        await host.Admin.SendAsync(HttpMethod.Post, "/api/calendar/feed");
        // A webhook (of an event this test never writes, then disabled: nothing is sent) and an API token, revoked.
        var hook = await host.Admin.CreatedAsync("/api/webhooks", new { name = "Rebuilt", url = "https://hooks.example.com/crm",
            eventTypes = new[] { "webhook.deleted" } });
        await host.Admin.SendAsync(HttpMethod.Patch, $"/api/webhooks/{hook.Id()}", new { enabled = false });
        var token = await host.Admin.CreatedAsync("/api/api-tokens",
            new { name = "Rebuilt", permissions = new[] { "customer.list" }, dataScope = "all", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        await host.Admin.SendAsync(HttpMethod.Delete, $"/api/api-tokens/{token.Id()}", status: 204);
        await host.CaughtUpAsync();
        var inbox = (await host.Admin.GetJsonAsync("/api/notifications")).GetProperty("items");
        if (inbox.GetArrayLength() == 0)
        {
            // The admin's inbox fills from a transfer to them (delivered by the notifications subscription); then one is marked read.
            var other = (await host.Admin.CreateCustomerAsync()).Id();
            await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{other}/transfer", new { toUserId = colleague });
            await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{other}/transfer", new { toUserId = await host.MeAsync() });
            await host.CaughtUpAsync();
            inbox = (await host.Admin.GetJsonAsync("/api/notifications")).GetProperty("items");
        }
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/notifications/{inbox[0].Id()}/read");

        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var daemon = host.Services.GetRequiredService<ProjectionDaemon>();
        var inline = store.InlineProjections.ToList();
        var tables = inline.SelectMany(p => p.Tables).ToList();
        Assert.Equal(tables.Count, tables.Distinct().Count()); // a table belongs to one projection: a swap replaces it whole
        Assert.Equal(["org.access_version"], inline.Where(p => p.Tables.Count == 0).Select(p => p.Name));
        await GuardAsync(tables);
        var built = await DumpAsync(tables);
        var empty = built.Where(t => t.Value.Count == 0).Select(t => t.Key).ToList();
        Assert.True(empty.Count == 0, $"too little seed data to compare: {string.Join(", ", empty)} empty");

        foreach (var projection in inline) await daemon.RebuildAsync(projection.Name);
        await AssertEqualAsync(built, await DumpAsync(tables));

        // Again while commands write: new customers with follow-ups, a department (an org table and the access counter).
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = (await host.Admin.CreateCustomerAsync()).Id();
                await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{id}/follow-ups", new { kind = "log", content = $"note {i}" }, 201);
                if (i % 5 == 0) await host.Admin.CreateDepartmentAsync($"Branch {Guid.NewGuid():N}");
                Interlocked.Increment(ref writes);
            }
        });
        foreach (var projection in inline) await daemon.RebuildAsync(projection.Name);
        await stop.CancelAsync();
        await writer;
        Assert.True(writes > 3, $"only {writes} rounds of writes ran beside the rebuilds");

        var afterWrites = await DumpAsync(tables);
        foreach (var projection in inline) await daemon.RebuildAsync(projection.Name);
        await AssertEqualAsync(afterWrites, await DumpAsync(tables));
        Assert.All(await daemon.StatusAsync(), s => Assert.Equal(ProjectionState.Running, s.Status));
        // The same story's records (one enabled approval flow per kind: seeded once per host) feed the async read models.
        await AsyncReadModelsRebuildAsync(daemon);
    }

    /// <summary>Every async read model rebuilt blue/green equals the one built incrementally, and the views over its tables come back.</summary>
    private async Task AsyncReadModelsRebuildAsync(ProjectionDaemon daemon)
    {
        await host.CaughtUpAsync();
        var asyncOnes = CrmProjections.Async();
        // The views over their tables (dropped with the old tables, made again over the new ones) are compared too.
        string[] views = ["crm.funnel_stage_visits", "crm.receivable_plans"];
        var relations = asyncOnes.SelectMany(p => p.Tables).Concat(views).ToList();
        var built = await DumpAsync(relations);
        Assert.All(asyncOnes.SelectMany(p => p.Tables), t => Assert.NotEmpty(built[t]));

        foreach (var projection in asyncOnes) await daemon.RebuildAsync(projection.Name);
        await host.CaughtUpAsync();

        await AssertEqualAsync(built, await DumpAsync(relations));
    }

    private static Task AssertEqualAsync(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual)
    {
        foreach (var (table, rows) in expected) Assert.True(rows.SequenceEqual(actual[table]), $"{table} differs after the rebuild");
        return Task.CompletedTask;
    }

    private async Task GuardAsync(IEnumerable<string> tables)
    {
        await using var cmd = host.Database.DataSource.CreateCommand(
            """
            create or replace function public.refuse_during_shadow_build() returns trigger language plpgsql as $$
            begin
                if current_setting('crm.shadow_build', true) = 'on' then
                    raise exception 'the rebuild wrote the live table %.%', tg_table_schema, tg_table_name;
                end if;
                return null;
            end $$;
            """ + string.Concat(tables.Select(t =>
                $"create trigger refuse_during_shadow_build before insert or update or delete or truncate on {t} " +
                "for each statement execute function public.refuse_during_shadow_build();")));
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<string, List<string>>> DumpAsync(IEnumerable<string> tables)
    {
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var cmd = host.Database.DataSource.CreateCommand($"select t::text from {table} t order by 1");
            var rows = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            dump[table] = rows;
        }
        return dump;
    }
}
