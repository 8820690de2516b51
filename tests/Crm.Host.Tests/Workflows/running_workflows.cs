using System.Text.Json;
using Crm.EventStore;
using Crm.Host.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Workflows;

/// <summary>Workflows run end to end on one host: the actions through the Write handlers as the author, the runs' record, loops stopped.</summary>
public sealed class running_workflows(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    private static object NameIs(string name) => new { and = new[] { new { field = "name", op = "eq", value = name } } };

    [Fact]
    public async Task a_matching_customer_gets_a_task_and_a_notice_whose_events_name_the_trigger_as_their_cause()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rule = await host.Admin.CreateWorkflowAsync(new { recordKind = "customer", on = "created" },
            [new { type = "create_task", text = "Call the new customer", dueInDays = 1 }, new { type = "notify", text = "A new A customer" }],
            condition: new { and = new object[] { new { field = "level", op = "eq", value = "A" }, new { field = "name", op = "contains", value = tag } } });
        var author = rule.GetProperty("authorId").GetGuid();
        var matching = await host.Admin.CreateCustomerAsync(new { level = "A" }, "Match " + tag);
        var other = await host.Admin.CreateCustomerAsync(new { level = "C" }, "Other " + tag);
        await host.SettledAsync();

        var run = await host.Admin.RunAboutAsync(rule.Id(), matching.Id());
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(author, run.GetProperty("actorId").GetGuid());
        Assert.Equal([rule.Id()], run.GetProperty("chain").EnumerateArray().Select(c => c.GetGuid()));
        var skipped = await host.Admin.RunAboutAsync(rule.Id(), other.Id());
        Assert.Equal(("skipped", "condition_not_met"), (skipped.Status(), skipped.Reason()));

        var taskId = run.GetProperty("actions")[0].GetProperty("recordId").GetGuid();
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var trigger = (await store.ReadStreamAsync(matching.Id())).Single(e => e.Data is Crm.Events.Customers.CustomerCreated);
        var created = (await store.ReadStreamAsync(taskId))[0];
        Assert.Equal(trigger.EventId.ToString(), created.Metadata.CausationId);
        Assert.Equal(run.Id().ToString(), created.Metadata.RequestId);
        Assert.Equal(author, created.Metadata.ActorId);
        var task = await host.Admin.Scenario(s => s.Get.Url($"/api/tasks/{taskId}"));
        Assert.Equal("Call the new customer", task.Json().GetProperty("name").GetString());

        await using var notices = host.Data().CreateCommand("select message from crm.notifications where kind = 'workflow_notice' and record_id = @id");
        notices.Parameters.AddWithValue("id", matching.Id());
        Assert.EndsWith("A new A customer", (string)(await notices.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task two_rules_that_edit_what_the_other_watches_are_stopped_as_a_loop()
    {
        var name = "Loop " + Guid.NewGuid().ToString("N")[..8];
        var edited = new { recordKind = "customer", on = "edited" };
        var first = await host.Admin.CreateWorkflowAsync(edited, [new { type = "set_field", field = "industry", value = "ping" }], NameIs(name));
        var second = await host.Admin.CreateWorkflowAsync(edited, [new { type = "set_field", field = "industry", value = "pong" }], NameIs(name));
        var customer = await host.Admin.CreateCustomerAsync(name: name);
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{customer.Id()}", new { level = "B" });
        await host.SettledAsync();

        var runs = (await host.Admin.RunsAsync(first.Id())).Concat(await host.Admin.RunsAsync(second.Id())).ToList();
        Assert.Contains(runs, r => r.Status() == "stopped" && r.Reason() == "loop_detected");
        Assert.DoesNotContain(runs, r => r.Status() is "running" or "pending");
        Assert.All(runs, r => Assert.True(r.GetProperty("chain").GetArrayLength() <= 3, r.GetRawText()));
    }

    [Fact]
    public async Task a_rule_reaches_only_its_authors_records_and_stops_when_its_author_is_disabled()
    {
        var (authorId, author) = await host.SignedInUserAsync("self", "workflow.list", "workflow.edit", "customer.create", "customer.list",
            "customer.detail", "customer.edit");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rule = await author.CreateWorkflowAsync(new { recordKind = "customer", on = "created" },
            [new { type = "set_field", field = "level", value = "B" }], new { and = new[] { new { field = "name", op = "contains", value = tag } } });
        var own = await author.CreateCustomerAsync(name: "Own " + tag);
        var others = await host.Admin.CreateCustomerAsync(name: "Others " + tag);
        await host.SettledAsync();

        Assert.Equal("succeeded", (await author.RunAboutAsync(rule.Id(), own.Id())).Status());
        Assert.Equal("B", (await author.Scenario(s => s.Get.Url($"{Route}/{own.Id()}"))).Json().GetProperty("level").GetString());
        var outside = await host.Admin.RunAboutAsync(rule.Id(), others.Id());
        Assert.Equal(("skipped", "record_out_of_scope"), (outside.Status(), outside.Reason()));
        // Its author does not see that run: the runs list names only records the viewer may open.
        var seen = (await author.GetJsonAsync($"/api/workflows/{rule.Id()}/runs")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("recordId").GetGuid()).ToList();
        Assert.Contains(own.Id(), seen);
        Assert.DoesNotContain(others.Id(), seen);
        Assert.Equal(JsonValueKind.Null, (await host.Admin.Scenario(s => s.Get.Url($"{Route}/{others.Id()}"))).Json().GetProperty("level").ValueKind);

        await host.Admin.SendAsync("POST", $"{UserApi.Route}/{authorId}/disable");
        var later = await host.Admin.CreateCustomerAsync(name: "Later " + tag);
        await host.SettledAsync();
        var stopped = await host.Admin.RunAboutAsync(rule.Id(), later.Id());
        Assert.Equal(("skipped", "author_disabled"), (stopped.Status(), stopped.Reason()));
    }

    [Fact]
    public async Task an_action_the_author_may_not_do_fails_the_run_and_says_why()
    {
        var (_, author) = await host.SignedInUserAsync("all", "workflow.list", "workflow.edit", "customer.detail");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rule = await author.CreateWorkflowAsync(new { recordKind = "customer", on = "created" },
            [new { type = "transfer", userId = Guid.NewGuid() }], new { and = new[] { new { field = "name", op = "contains", value = tag } } });
        var customer = await host.Admin.CreateCustomerAsync(name: "Kept " + tag);
        await host.SettledAsync();
        var run = await author.RunAboutAsync(rule.Id(), customer.Id());
        Assert.Equal(("failed", "action_failed"), (run.Status(), run.Reason()));
        Assert.Equal("permission_missing", run.GetProperty("actions")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_webhook_action_posts_a_body_signed_with_the_rules_secret_and_a_refusal_fails_the_run()
    {
        using var receiver = new WebhookReceiver(200, 500);
        const string secret = "workflow webhook secret";
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rule = await host.Admin.CreateWorkflowAsync(new { recordKind = "customer", on = "created" }, [new { type = "webhook", url = receiver.Url }],
            new { and = new[] { new { field = "name", op = "contains", value = tag } } }, secret);
        var first = await host.Admin.CreateCustomerAsync(name: "Hook " + tag);
        await host.SettledAsync();
        var second = await host.Admin.CreateCustomerAsync(name: "Hook again " + tag);
        await host.SettledAsync();

        var hits = await receiver.HitsAsync(2, TimeSpan.FromSeconds(30));
        var hit = hits[0];
        var parts = hit.Signature!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(WebhookClient.Sign(secret, parts["t"], hit.Body), parts["v1"]);
        Assert.Equal(first.Id(), JsonDocument.Parse(hit.Body).RootElement.GetProperty("recordId").GetGuid());
        Assert.Equal("succeeded", (await host.Admin.RunAboutAsync(rule.Id(), first.Id())).Status());
        var refused = await host.Admin.RunAboutAsync(rule.Id(), second.Id());
        Assert.Equal("failed", refused.Status());
        Assert.Equal("webhook_failed", refused.GetProperty("actions")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_run_handed_over_again_does_nothing_twice()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rule = await host.Admin.CreateWorkflowAsync(new { recordKind = "customer", on = "created" }, [new { type = "create_task", text = "Once" }],
            new { and = new[] { new { field = "name", op = "contains", value = tag } } });
        var customer = await host.Admin.CreateCustomerAsync(name: "Once " + tag);
        await host.SettledAsync();
        var run = await host.Admin.RunAboutAsync(rule.Id(), customer.Id());

        // The same run's message again, under another envelope id (a replay of the subscription): the runs table's key refuses it.
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var trigger = (await store.ReadStreamAsync(customer.Id())).Single(e => e.Data is Crm.Events.Customers.CustomerCreated);
        await WorkflowMessages.SendAsync(host.Services, WorkflowMessages.Of(rule.Id(), trigger, "customer", customer.Id()));
        await host.SettledAsync();

        Assert.Equal(run.GetRawText(), (await host.Admin.RunAboutAsync(rule.Id(), customer.Id())).GetRawText());
        await using var tasks = host.Data().CreateCommand("select count(*) from crm.tasks where related_keys @> array[@key]");
        tasks.Parameters.AddWithValue("key", "customer:" + customer.Id());
        Assert.Equal(1L, (long)(await tasks.ExecuteScalarAsync())!);
    }
}
