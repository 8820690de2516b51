using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Tasks;

public sealed class managing_tasks(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_task_is_created_read_edited_under_if_match_and_its_history_names_each_change_and_actor()
    {
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var created = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = " Call Acme ", dueAt = "2026-03-02T18:00:00+08:00", priority = "high", tags = new[] { "renewal" } }).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        });
        var task = created.Json();
        Assert.Equal("\"1\"", created.ETag());
        Assert.Equal($"/api/tasks/{task.Id()}", created.Header("Location"));
        Assert.Equal(("Call Acme", "2026-03-02T10:00:00+00:00", "high", "open"), (task.Text("name"), task.Text("dueAt"), task.Text("priority"), task.Text("status")));
        Assert.Equal(me, task.GetProperty("ownerId").GetGuid());

        var path = $"{Route}/{task.Id()}";
        var edited = await host.Admin.CallAsync("PATCH", path, new { name = "Call Acme back", dueAt = "", priority = "low" }, 200, ("If-Match", "\"1\""));
        Assert.Equal(("Call Acme back", "low"), (edited.Text("name"), edited.Text("priority")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, edited.GetProperty("dueAt").ValueKind);
        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { name = "Too late" }).ToUrl(path);
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, "If-Match", "stale_version");
        });

        var history = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items");
        Assert.Equal(["created", "edited"], history.EnumerateArray().Select(e => e.Text("action")));
        var changes = history[1].GetProperty("changes").EnumerateArray().ToDictionary(c => c.Text("field"), c => (c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));
        Assert.Equal(("Call Acme", "Call Acme back"), changes["name"]);
        Assert.Equal(("high", "low"), changes["priority"]);
        Assert.Null(changes["dueAt"].Item2);
        Assert.Equal(me, history[1].GetProperty("actorId").GetGuid());

        var then = await host.Admin.GetJsonAsync(path + "?version=1");
        Assert.Equal("Call Acme", then.Text("name"));
        await host.Admin.RefusedAsync("GET", path + "?version=9", null, 404, null, "task_not_found");
    }

    [Fact]
    public async Task bad_input_is_a_400_or_422_naming_the_field_and_nothing_is_written()
    {
        var before = await host.EventCountAsync();
        await host.Admin.RefusedAsync("POST", Route, new { description = "no name" }, 400, "name", "name_required");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", dueAt = "2026-03-02T18:00:00" }, 400, "dueAt", "due_invalid");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", priority = "urgent" }, 400, "priority", "priority_invalid");
        await host.Admin.RefusedAsync("POST", Route, new { name = new string('n', 201) }, 400, "name", "name_too_long");
        await host.Admin.RefusedAsync("POST", Route, new { name = "a\u0000b" }, 400, "name", "text_invalid");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", participantIds = new[] { Guid.CreateVersion7() } }, 422, "participantIds[0]",
            "user_unusable");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", participantIds = Enumerable.Range(0, 21).Select(_ => Guid.CreateVersion7()) },
            400, "participantIds", "participants_too_many");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", related = new[] { new { kind = "invoice", id = Guid.CreateVersion7() } } }, 400,
            "related[0]", "related_kind_invalid");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", related = new[] { new { kind = "customer", id = Guid.CreateVersion7() } } }, 422,
            "related[0]", "related_not_found");
        await host.Admin.RefusedAsync("POST", Route, new { name = "x", ownerId = Guid.CreateVersion7() }, 422, "ownerId", "user_unusable");
        Assert.Equal(before, await host.EventCountAsync());

        await host.Admin.RefusedAsync("GET", Route + "?status=later", null, 400, "status", "status_invalid");
        await host.Admin.RefusedAsync("GET", Route + "?participant=you", null, 400, "participant", "participant_invalid");
        await host.Admin.RefusedAsync("GET", Route + "?relatedKind=ticket&relatedId=" + Guid.CreateVersion7(), null, 400, "relatedKind", "related_kind_invalid");
        await host.Admin.RefusedAsync("GET", Route + "?relatedKind=customer", null, 400, "relatedId", "related_id_required");
        await host.Admin.RefusedAsync("GET", Route + "?relatedKind=customer&relatedId=" + Guid.CreateVersion7(), null, 404, null, "customer_not_found");
        await host.Admin.RefusedAsync("GET", $"{Route}/{Guid.CreateVersion7()}", null, 404, null, "task_not_found");
    }

    [Fact]
    public async Task a_retried_create_with_its_key_answers_the_first_task_and_an_archived_task_takes_no_change()
    {
        var key = ("Idempotency-Key", "task-" + Guid.NewGuid().ToString("N"));
        var first = await host.Admin.CallAsync("POST", Route, new { name = "Once" }, 201, key);
        var again = await host.Admin.SendAsync("POST", Route, new { name = "Once" }, 201, key);
        Assert.Equal(first.Id(), again.Json().Id());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));

        var path = $"{Route}/{first.Id()}";
        await host.Admin.SendAsync("DELETE", path, null, 204);
        await host.Admin.SendAsync("DELETE", path, null, 204);
        Assert.Equal("archived", (await host.Admin.GetJsonAsync(path)).Text("status"));
        await host.Admin.RefusedAsync("POST", path + "/complete", null, 409, null, "task_archived");
        var listed = (await host.Admin.GetJsonAsync(Route + "?limit=500")).GetProperty("items").EnumerateArray().Select(t => t.Id());
        Assert.DoesNotContain(first.Id(), listed);
        var archived = (await host.Admin.GetJsonAsync(Route + "?status=archived&limit=500")).GetProperty("items").EnumerateArray().Select(t => t.Id());
        Assert.Contains(first.Id(), archived);
    }

    [Fact]
    public async Task subtasks_are_added_renamed_ticked_reordered_and_removed_each_as_an_event()
    {
        var task = await host.Admin.CreateTaskAsync(new { name = "Prepare the offer" });
        var path = $"{Route}/{task.Id()}";
        var a = (await host.Admin.CallAsync("POST", path + "/subtasks", new { title = "Draft" }, 201)).GetProperty("subtasks")[0].Id();
        var withTwo = await host.Admin.CallAsync("POST", path + "/subtasks", new { title = "Send" }, 201);
        var b = withTwo.GetProperty("subtasks")[1].Id();
        await host.Admin.CallAsync("PATCH", $"{path}/subtasks/{a}", new { title = "Draft v2" });
        await host.Admin.CallAsync("POST", $"{path}/subtasks/{a}/complete");
        await host.Admin.CallAsync("POST", $"{path}/subtasks/{b}/complete");
        await host.Admin.CallAsync("POST", $"{path}/subtasks/{b}/reopen");
        var reordered = await host.Admin.CallAsync("POST", path + "/subtasks/reorder", new { order = new[] { b, a } });
        Assert.Equal([(b, "Send", false), (a, "Draft v2", true)], reordered.GetProperty("subtasks").EnumerateArray()
            .Select(s => (s.Id(), s.Text("title"), s.GetProperty("done").GetBoolean())));
        await host.Admin.RefusedAsync("POST", path + "/subtasks/reorder", new { order = new[] { a } }, 400, "order", "order_invalid");
        await host.Admin.RefusedAsync("POST", $"{path}/subtasks/{Guid.CreateVersion7()}/complete", null, 404, null, "subtask_not_found");
        await host.Admin.RefusedAsync("POST", path + "/subtasks", new { title = " " }, 400, "title", "title_required");
        await host.Admin.RefusedAsync("POST", path + "/subtasks", new { id = a, title = "Again" }, 409, "id", "subtask_exists");
        var removed = await host.Admin.CallAsync("DELETE", $"{path}/subtasks/{a}");
        Assert.Equal([b], removed.GetProperty("subtasks").EnumerateArray().Select(s => s.Id()));
        var actions = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().Select(e => e.Text("eventType")).ToList();
        Assert.Equal(["task.created", "task.subtask-added", "task.subtask-added", "task.subtask-renamed", "task.subtask-completed",
            "task.subtask-completed", "task.subtask-reopened", "task.subtasks-reordered", "task.subtask-removed"], actions);
    }

    [Fact]
    public async Task comments_are_edited_and_deleted_only_by_their_author_and_a_deleted_one_shows_as_deleted()
    {
        var (colleagueId, colleague) = await host.ColleagueAsync(null, "self", Worker);
        var task = await host.Admin.CreateTaskAsync(new { name = "Follow up", participantIds = new[] { colleagueId } });
        var path = $"{Route}/{task.Id()}";
        var mine = await colleague.CallAsync("POST", path + "/comments", new { text = "Called, no answer" }, 201);
        Assert.Equal(colleagueId, mine.GetProperty("authorId").GetGuid());
        var admins = await host.Admin.CallAsync("POST", path + "/comments", new { text = "Try again tomorrow" }, 201);

        await colleague.RefusedAsync("PATCH", $"{path}/comments/{admins.Id()}", new { text = "Hijacked" }, 403, null, "comment_not_yours");
        await colleague.RefusedAsync("DELETE", $"{path}/comments/{admins.Id()}", null, 403, null, "comment_not_yours");
        await host.Admin.RefusedAsync("PATCH", $"{path}/comments/{mine.Id()}", new { text = "Hijacked" }, 403, null, "comment_not_yours");
        Assert.Equal("Called twice", (await colleague.CallAsync("PATCH", $"{path}/comments/{mine.Id()}", new { text = "Called twice" })).Text("text"));
        await colleague.SendAsync("DELETE", $"{path}/comments/{mine.Id()}", null, 204);
        await colleague.RefusedAsync("PATCH", $"{path}/comments/{mine.Id()}", new { text = "Back" }, 404, null, "comment_not_found");
        await colleague.RefusedAsync("POST", path + "/comments", new { text = "" }, 400, "text", "text_required");

        var comments = (await colleague.GetJsonAsync(path + "/comments")).GetProperty("items");
        Assert.True(comments[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, comments[0].GetProperty("text").ValueKind);
        Assert.Equal("Try again tomorrow", comments[1].Text("text"));
        Assert.Equal(1, (await colleague.GetJsonAsync(path)).GetProperty("commentCount").GetInt32());
        var history = (await host.Admin.GetJsonAsync(path + "/history")).GetRawText();
        Assert.DoesNotContain("Called", history);
        Assert.Contains("task.comment-deleted", history);
    }

    [Fact]
    public async Task a_customer_page_lists_its_tasks_and_lists_filter_by_participant_status_and_due()
    {
        var (colleagueId, colleague) = await host.ColleagueAsync(null, "self", Worker);
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var about = await host.Admin.CreateTaskAsync(new { name = "About the customer", dueAt = "2030-01-10T09:00:00Z",
            related = new[] { new { kind = "customer", id = customer } } });
        var other = await host.Admin.CreateTaskAsync(new { name = "With a colleague", dueAt = "2030-02-10T09:00:00Z", participantIds = new[] { colleagueId } });

        var ofCustomer = await host.Admin.GetJsonAsync($"{Route}?relatedKind=customer&relatedId={customer}");
        Assert.Equal([about.Id()], ofCustomer.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        var taking = await colleague.GetJsonAsync($"{Route}?participant=me");
        Assert.Equal([other.Id()], taking.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        var due = await host.Admin.GetJsonAsync($"{Route}?dueFrom=2030-01-01T00:00:00Z&dueTo=2030-02-01T00:00:00Z");
        Assert.Equal([about.Id()], due.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        await host.Admin.CallAsync("POST", $"{Route}/{about.Id()}/complete");
        var completed = await host.Admin.GetJsonAsync($"{Route}?status=completed&limit=500");
        Assert.Contains(about.Id(), completed.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        Assert.Equal("open", (await host.Admin.CallAsync("POST", $"{Route}/{about.Id()}/reopen")).Text("status"));
    }

    [Fact]
    public async Task racing_comments_and_subtasks_are_all_kept_and_a_stale_if_match_changes_nothing()
    {
        var task = await host.Admin.CreateTaskAsync(new { name = "Busy task" });
        var path = $"{Route}/{task.Id()}";
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? host.Admin.CallAsync("POST", path + "/comments", new { text = $"Comment {i}" }, 201)
            : host.Admin.CallAsync("POST", path + "/subtasks", new { title = $"Subtask {i}" }, 201)));
        var now = await host.Admin.SendAsync("GET", path);
        Assert.Equal(3, now.Json().GetProperty("commentCount").GetInt32());
        Assert.Equal(3, now.Json().GetProperty("subtasks").GetArrayLength());
        Assert.Equal("\"7\"", now.ETag());
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { text = "Late" }).ToUrl(path + "/comments");
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, "If-Match", "stale_version");
        });
        Assert.Equal(3, (await host.Admin.GetJsonAsync(path + "/comments")).GetProperty("items").GetArrayLength());
    }
}
