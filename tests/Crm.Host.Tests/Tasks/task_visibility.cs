using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Tasks;

/// <summary>
/// Who reaches a task (docs/work.md): the owner and whoever's data scope reaches the owner read and change it; participants read,
/// complete, comment and tick subtasks but change nothing else (403 team_read_only); anyone else gets 404 task_not_found on every
/// route, exactly like a missing id. Links to records the reader cannot see are masked everywhere.
/// </summary>
public sealed class task_visibility(HostFixture host) : IClassFixture<HostFixture>
{
    private sealed record Team(Guid OwnerId, ApiCaller Owner, ApiCaller Manager, Guid ParticipantId, ApiCaller Participant, ApiCaller Stranger,
        Guid CustomerId, string Path);

    private async Task<Team> TeamAsync()
    {
        var department = (await host.Admin.CreateDepartmentAsync("Sales " + Guid.NewGuid().ToString("N")[..8])).Id();
        var (ownerId, owner) = await host.ColleagueAsync(department, "self", WorkerWithCustomers);
        var (_, manager) = await host.ColleagueAsync(department, "department", WorkerWithCustomers);
        var (participantId, participant) = await host.ColleagueAsync(null, "self", WorkerWithCustomers);
        var (_, stranger) = await host.ColleagueAsync(null, "self", WorkerWithCustomers);
        var customer = (await owner.CreateCustomerAsync()).Id();
        var task = await owner.CreateTaskAsync(new
        {
            name = "Renewal call", participantIds = new[] { participantId }, related = new[] { new { kind = "customer", id = customer } },
        });
        return new Team(ownerId, owner, manager, participantId, participant, stranger, customer, $"{Route}/{task.Id()}");
    }

    [Fact]
    public async Task a_stranger_gets_404_on_every_route_and_never_sees_the_task_listed()
    {
        var t = await TeamAsync();
        var sub = (await t.Owner.CallAsync("POST", t.Path + "/subtasks", new { title = "Draft" }, 201)).GetProperty("subtasks")[0].Id();
        var comment = (await t.Owner.CallAsync("POST", t.Path + "/comments", new { text = "Hello" }, 201)).Id();
        foreach (var (method, suffix, body) in new (string, string, object?)[]
                 {
                     ("GET", "", null), ("GET", "?version=1", null), ("GET", "/history", null), ("GET", "/comments", null),
                     ("PATCH", "", new { name = "Mine" }), ("DELETE", "", null), ("POST", "/complete", null), ("POST", "/reopen", null),
                     ("POST", "/move", new { bucket = "today" }), ("POST", "/subtasks", new { title = "x" }), ("PATCH", $"/subtasks/{sub}", new { title = "x" }),
                     ("DELETE", $"/subtasks/{sub}", null), ("POST", $"/subtasks/{sub}/complete", null), ("POST", $"/subtasks/{sub}/reopen", null),
                     ("POST", "/subtasks/reorder", new { order = new[] { sub } }), ("POST", "/comments", new { text = "x" }),
                     ("PATCH", $"/comments/{comment}", new { text = "x" }), ("DELETE", $"/comments/{comment}", null),
                 })
        {
            await t.Stranger.RefusedAsync(method, t.Path + suffix, body, 404, null, "task_not_found");
        }
        var listed = (await t.Stranger.GetJsonAsync(Route + "?limit=500")).GetProperty("items").GetArrayLength();
        Assert.Equal(0, listed);
        Assert.Equal(0, (await t.Stranger.GetJsonAsync("/api/workbench")).GetProperty("buckets").EnumerateArray()
            .Sum(b => b.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task a_participant_reads_completes_comments_and_ticks_but_changes_nothing_else()
    {
        var t = await TeamAsync();
        var sub = (await t.Owner.CallAsync("POST", t.Path + "/subtasks", new { title = "Draft" }, 201)).GetProperty("subtasks")[0].Id();
        await t.Participant.CallAsync("GET", t.Path);
        await t.Participant.CallAsync("GET", t.Path + "/history");
        await t.Participant.CallAsync("POST", t.Path + "/comments", new { text = "On it" }, 201);
        await t.Participant.CallAsync("POST", $"{t.Path}/subtasks/{sub}/complete");
        Assert.Equal("completed", (await t.Participant.CallAsync("POST", t.Path + "/complete")).Text("status"));
        Assert.Equal("open", (await t.Participant.CallAsync("POST", t.Path + "/reopen")).Text("status"));
        foreach (var (method, suffix, body) in new (string, string, object?)[]
                 {
                     ("PATCH", "", new { name = "Mine" }), ("PATCH", "", new { participantIds = Array.Empty<Guid>() }), ("DELETE", "", null),
                     ("POST", "/move", new { bucket = "today" }), ("POST", "/subtasks", new { title = "x" }), ("PATCH", $"/subtasks/{sub}", new { title = "x" }),
                     ("DELETE", $"/subtasks/{sub}", null), ("POST", "/subtasks/reorder", new { order = new[] { sub } }),
                 })
        {
            await t.Participant.RefusedAsync(method, t.Path + suffix, body, 403, null, "team_read_only");
        }
        Assert.Equal("Renewal call", (await t.Owner.GetJsonAsync(t.Path)).Text("name"));
    }

    [Fact]
    public async Task the_owners_manager_reads_and_changes_it_through_the_department_scope()
    {
        var t = await TeamAsync();
        Assert.Equal("Renewal call", (await t.Manager.GetJsonAsync(t.Path)).Text("name"));
        Assert.Equal("By the manager", (await t.Manager.CallAsync("PATCH", t.Path, new { name = "By the manager" })).Text("name"));
        var listed = (await t.Manager.GetJsonAsync($"{Route}?ownerId={t.OwnerId}")).GetProperty("items").EnumerateArray().Select(i => i.Id());
        Assert.Contains(Guid.Parse(t.Path.Split('/')[^1]), listed);
        await t.Manager.RefusedAsync("PATCH", t.Path, new { ownerId = Guid.CreateVersion7() }, 422, "ownerId", "user_unusable");
        await t.Owner.RefusedAsync("PATCH", t.Path, new { ownerId = t.ParticipantId }, 422, "ownerId", "user_out_of_scope");
    }

    [Fact]
    public async Task a_customer_the_reader_cannot_see_is_masked_on_every_route_and_seeing_it_grants_no_task()
    {
        var t = await TeamAsync();
        var id = t.CustomerId.ToString();
        foreach (var path in new[] { t.Path, t.Path + "?version=1", $"{t.Path}?asOf={DateTimeOffset.UtcNow.AddMinutes(1):O}".Replace("+", "%2B"),
                     t.Path + "/history", Route + "?participant=me", "/api/workbench" })
        {
            var text = (await t.Participant.Scenario(s => s.Get.Url(path))).ReadAsText();
            Assert.DoesNotContain(id, text);
        }
        var masked = (await t.Participant.GetJsonAsync(t.Path)).GetProperty("related")[0];
        Assert.Equal(("customer", true, System.Text.Json.JsonValueKind.Null),
            (masked.Text("kind"), masked.GetProperty("hidden").GetBoolean(), masked.GetProperty("id").ValueKind));
        Assert.Contains("customer:hidden", (await t.Participant.GetJsonAsync(t.Path + "/history")).GetRawText());
        await t.Participant.RefusedAsync("GET", $"{Route}?relatedKind=customer&relatedId={id}", null, 404, null, "customer_not_found");
        await t.Participant.RefusedAsync("POST", Route, new { name = "x", related = new[] { new { kind = "customer", id = t.CustomerId } } }, 422,
            "related[0]", "related_not_found");

        // The participant edits nothing, but the owner's manager edits the links: the ones they cannot see would stay.
        Assert.Equal(id, (await t.Owner.GetJsonAsync(t.Path)).GetProperty("related")[0].Text("id"));

        // Someone who sees the customer (all customers) but not the task: the customer gives them no task.
        var (_, auditor) = await host.ColleagueAsync(null, "all", "customer.detail", "customer.list");
        var (_, reader) = await host.ColleagueAsync(null, "self", [.. Worker]);
        await auditor.CallAsync("GET", $"/api/customers/{id}");
        await reader.RefusedAsync("GET", t.Path, null, 404, null, "task_not_found");
        await reader.RefusedAsync("GET", $"{Route}?relatedKind=customer&relatedId={id}", null, 404, null, "customer_not_found");
    }

    [Fact]
    public async Task links_the_editor_cannot_see_survive_their_edit_of_the_links()
    {
        var t = await TeamAsync();
        // Tasks of everyone, customers only their own: two roles, each permission at its own scope.
        var tasks = await host.Admin.CreateRoleAsync("Tasks " + Guid.NewGuid().ToString("N"), "all", Worker);
        var customers = await host.Admin.CreateRoleAsync("Own customers " + Guid.NewGuid().ToString("N"), "self", "customer.create", "customer.detail");
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { tasks.Id(), customers.Id() } });
        var editor = await host.SignedInAsync(user.Mobile(), UserApi.Password);
        var editorsCustomer = (await editor.CreateCustomerAsync()).Id();

        var seen = (await editor.GetJsonAsync(t.Path)).GetProperty("related")[0];
        Assert.True(seen.GetProperty("hidden").GetBoolean());
        var edited = await editor.CallAsync("PATCH", t.Path, new { related = new[] { new { kind = "customer", id = editorsCustomer } } });
        Assert.Equal(2, edited.GetProperty("related").GetArrayLength());
        var links = (await t.Owner.GetJsonAsync(t.Path)).GetProperty("related").EnumerateArray().ToList();
        Assert.Contains(links, l => l.GetProperty("id").ValueKind != System.Text.Json.JsonValueKind.Null && l.GetProperty("id").GetGuid() == t.CustomerId);
    }
}
