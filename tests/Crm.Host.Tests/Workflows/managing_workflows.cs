using System.Text.Json;
using Crm.EventStore;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Workflows.WorkflowApi;

namespace Crm.Host.Tests.Workflows;

/// <summary>/api/workflows: the rules' CRUD, their checks naming each field, their audit trail and who may touch them.</summary>
public sealed class managing_workflows(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly object OnCreated = new { recordKind = "customer", on = "created" };

    [Fact]
    public async Task a_workflow_is_created_read_changed_and_deleted_and_every_change_is_an_event()
    {
        var created = await host.Admin.CreateWorkflowAsync(OnCreated, [new { type = "create_task", text = "Call them", dueInDays = 2 }],
            condition: new { and = new[] { new { field = "level", op = "eq", value = "A" } } }, webhookSecret: "a secret of sixteen+");
        var id = created.Id();
        Assert.True(created.GetProperty("hasWebhookSecret").GetBoolean());
        Assert.False(created.TryGetProperty("webhookSecret", out _));

        var read = await host.Admin.Scenario(s => s.Get.Url($"{Route}/{id}"));
        Assert.Equal("\"1\"", read.ETag());
        Assert.Equal("A", read.Json().GetProperty("condition").GetProperty("and")[0].GetProperty("value").GetString());

        var changed = await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { enabled = false, condition = (object?)null }).ToUrl($"{Route}/{id}");
            s.IfMatch("\"1\"");
        });
        Assert.False(changed.Json().GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, changed.Json().GetProperty("condition").ValueKind);
        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { name = "Stale" }).ToUrl($"{Route}/{id}");
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, code: "stale_version");
        });

        var list = await host.Admin.Scenario(s => s.Get.Url(Route));
        Assert.Contains(list.Json().GetProperty("items").EnumerateArray(), w => w.Id() == id);
        await host.Admin.Scenario(s =>
        {
            s.Delete.Url($"{Route}/{id}");
            s.StatusCodeShouldBe(204);
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Route}/{id}");
            s.ProblemShouldBe(404, code: "workflow_not_found");
        });
        // The runs of a deleted workflow stay readable; its stream is the audit trail of every change.
        Assert.Empty(await host.Admin.RunsAsync(id));
        var events = await host.Services.GetRequiredService<EventStore.EventStore>().ReadStreamAsync(id);
        Assert.Equal(["workflow.created", "workflow.edited", "workflow.deleted"], events.Select(e => e.EventType));
        var edited = Assert.IsType<Crm.Events.Workflows.WorkflowEdited>(events[1].Data);
        Assert.Equal(["enabled", "condition"], edited.Changed);
    }

    [Fact]
    public async Task every_fault_of_a_rule_is_named_by_its_path()
    {
        var problem = await host.Admin.ProblemAsync("POST", Route, new
        {
            name = "",
            trigger = new { recordKind = "contract", on = "sometime" },
            condition = new { and = new[] { new { field = "nope", op = "eq", value = "A" } } },
            actions = new object[]
            {
                new { type = "explode" }, new { type = "set_field", field = "name", value = "x" }, new { type = "transfer" },
                new { type = "create_task", text = "t", dueInDays = 999 }, new { type = "webhook", url = "ftp://example.com" },
            },
            webhookSecret = "short",
        }, 400);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[]
        {
            "name", "trigger.recordKind", "trigger.on", "actions[0].type", "actions[1].field", "actions[2].userId", "actions[3].dueInDays",
            "actions[4].url", "webhookSecret",
        })
            Assert.True(errors.TryGetProperty(field, out _), $"no fault for {field}: {errors}");
        Assert.Equal("name_required", problem.GetProperty("code").GetString());

        var condition = await host.Admin.ProblemAsync("POST", Route, new
        {
            name = "Bad condition", trigger = OnCreated, condition = new { and = new[] { new { field = "nope", op = "eq", value = "A" } } },
            actions = new[] { new { type = "notify", text = "hi" } },
        }, 400, "condition.nope");
        Assert.Equal("filter_invalid", condition.GetProperty("code").GetString());
        await host.Admin.ProblemAsync("POST", Route, new { name = "No actions", trigger = OnCreated, actions = Array.Empty<object>() }, 400, "actions");
        var days = await host.Admin.ProblemAsync("POST", Route,
            new { name = "No days", trigger = new { recordKind = "lead", on = "no_follow_up" }, actions = new[] { new { type = "notify", text = "x" } } },
            400, "trigger.days");
        Assert.Equal("days_out_of_range", days.GetProperty("code").GetString());
        var secret = await host.Admin.ProblemAsync("POST", Route,
            new { name = "No secret", trigger = OnCreated, actions = new[] { new { type = "webhook", url = "https://example.com/hook" } } },
            400, "webhookSecret");
        Assert.Equal("webhook_secret_required", secret.GetProperty("code").GetString());
        var count = await host.Admin.ProblemAsync("POST", Route, new { name = "Nothing", trigger = OnCreated }, 400, "actions");
        Assert.Equal("actions_count_invalid", count.GetProperty("code").GetString());
        // A lead rule keeps a customer's field only if it names one a lead has.
        var rule = await host.Admin.CreateWorkflowAsync(OnCreated, [new { type = "set_field", field = "region", value = "East" }]);
        var kept = await host.Admin.ProblemAsync("PATCH", $"{Route}/{rule.Id()}", new { trigger = new { recordKind = "lead", on = "created" } }, 400,
            "actions[0].field");
        Assert.Equal("field_not_settable", kept.GetProperty("code").GetString());
    }

    [Fact]
    public async Task the_rules_need_workflow_list_to_read_and_workflow_edit_to_change()
    {
        var rule = await host.Admin.CreateWorkflowAsync(OnCreated, [new { type = "notify", text = "hello" }]);
        var (_, stranger) = await host.SignedInUserAsync("self", "customer.list");
        await stranger.ProblemAsync("GET", Route, null, 403);
        await stranger.ProblemAsync("GET", $"{Route}/{rule.Id()}/runs", null, 403);
        var (_, reader) = await host.SignedInUserAsync("self", "workflow.list");
        await reader.SendAsync("GET", $"{Route}/{rule.Id()}");
        await reader.ProblemAsync("PATCH", $"{Route}/{rule.Id()}", new { enabled = false }, 403);
        await reader.ProblemAsync("POST", Route, new { name = "x", trigger = OnCreated, actions = new[] { new { type = "notify", text = "x" } } }, 403);
        await reader.ProblemAsync("DELETE", $"{Route}/{rule.Id()}", null, 403);
        await host.Admin.ProblemAsync("PATCH", $"{Route}/{Guid.NewGuid()}", new { enabled = false }, 404);
        await host.Admin.ProblemAsync("GET", $"{Route}/{Guid.NewGuid()}/runs", null, 404);
        var limit = await host.Admin.ProblemAsync("GET", $"{Route}/{rule.Id()}/runs?limit=0", null, 400, "limit");
        Assert.Equal("limit_out_of_range", limit.GetProperty("code").GetString());
        await host.Admin.ProblemAsync("GET", $"{Route}/{rule.Id()}/runs?cursor=nonsense", null, 400, "cursor");
    }

    [Fact]
    public async Task whoever_changes_a_rule_becomes_its_author()
    {
        var rule = await host.Admin.CreateWorkflowAsync(OnCreated, [new { type = "notify", text = "hello" }]);
        var (editorId, editor) = await host.SignedInUserAsync("self", "workflow.list", "workflow.edit");
        var changed = await editor.Scenario(s => s.Patch.Json(new { name = "Taken over " + Guid.NewGuid().ToString("N")[..6] }).ToUrl($"{Route}/{rule.Id()}"));
        Assert.Equal(editorId, changed.Json().GetProperty("authorId").GetGuid());
        var events = await host.Services.GetRequiredService<EventStore.EventStore>().ReadStreamAsync(rule.Id());
        Assert.Contains("author", Assert.IsType<Crm.Events.Workflows.WorkflowEdited>(events[^1].Data).Changed);
    }
}
