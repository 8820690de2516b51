using System.Text.Json;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Tasks;

/// <summary>
/// What tasks tell people (WORK-4, docs/notifications.md): a task given to you, being made a participant, being mentioned in a comment.
/// Nobody is told of their own act; a mention must name a user who can open the task (422 mention_cannot_see), so it neither grants
/// the task nor leaks its name to someone outside it.
/// </summary>
public sealed class notifying_about_tasks(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_task_given_to_you_or_shared_with_you_is_in_your_inbox_and_your_own_acts_are_not()
    {
        var department = (await host.Admin.CreateDepartmentAsync("Ops " + Guid.NewGuid().ToString("N")[..8])).Id();
        var (leadId, lead) = await host.ColleagueAsync(department, "department", Worker);
        var (repId, rep) = await host.ColleagueAsync(department, "self", Worker);
        var (peerId, peer) = await host.ColleagueAsync(department, "self", Worker);
        var name = "Quarterly review " + Guid.NewGuid().ToString("N")[..6];

        var task = (await lead.CreateTaskAsync(new { name, ownerId = repId, participantIds = new[] { leadId, peerId } })).Id();
        var own = (await rep.CreateTaskAsync(new { name = "My own", participantIds = new[] { repId } })).Id();
        await host.CaughtUpAsync();
        var given = Assert.Single(await InboxAsync(rep), n => n.GetProperty("recordId").GetGuid() == task);
        Assert.Equal(("task_assigned", "task"), (given.Text("kind"), given.Text("recordType")));
        Assert.Contains(name, given.Text("message"));
        var shared = Assert.Single(await InboxAsync(peer), n => n.GetProperty("recordId").GetGuid() == task);
        Assert.Equal("task_participant_added", shared.Text("kind"));
        Assert.DoesNotContain(await InboxAsync(lead), n => n.GetProperty("recordId").GetGuid() == task);
        Assert.DoesNotContain(await InboxAsync(rep), n => n.GetProperty("recordId").GetGuid() == own);

        var renamed = name + " (moved)";
        await lead.CallAsync("PATCH", $"{Route}/{task}", new { name = renamed, ownerId = peerId, participantIds = new[] { repId } });
        await host.CaughtUpAsync();
        var handed = (await InboxAsync(peer)).Where(n => n.GetProperty("recordId").GetGuid() == task).ToList();
        Assert.Equal(["task_participant_added", "task_assigned"], handed.Select(n => n.Text("kind")));
        Assert.Contains(renamed, handed[1].Text("message"));
        var repsNow = (await InboxAsync(rep)).Where(n => n.GetProperty("recordId").GetGuid() == task).Select(n => n.Text("kind"));
        Assert.Equal(["task_assigned", "task_participant_added"], repsNow);
    }

    [Fact]
    public async Task a_mention_tells_the_user_once_and_an_edit_tells_only_whom_it_adds()
    {
        var department = (await host.Admin.CreateDepartmentAsync("Ops " + Guid.NewGuid().ToString("N")[..8])).Id();
        var (_, owner) = await host.ColleagueAsync(department, "self", Worker);
        var (managerId, manager) = await host.ColleagueAsync(department, "department", Worker);
        var (participantId, participant) = await host.ColleagueAsync(null, "self", Worker);
        var task = (await owner.CreateTaskAsync(new { name = "Renewal", participantIds = new[] { participantId } })).Id();
        var path = $"{Route}/{task}/comments";
        var text = "Please check the figures " + new string('x', 200) + " \U0001F600 end";

        var comment = await owner.CallAsync("POST", path, new { text, mentions = new[] { managerId, managerId } }, 201);
        Assert.Equal([managerId], comment.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()));
        await host.CaughtUpAsync();
        var told = Assert.Single(await InboxAsync(manager), n => n.Text("kind") == "task_mentioned");
        Assert.Equal(task, told.GetProperty("recordId").GetGuid());
        Assert.Equal("You were mentioned in a comment on task Renewal.", told.Text("message"));
        Assert.DoesNotContain("figures", told.Text("message")); // the comment may be edited or deleted: inboxes hold no copy

        var edited = await owner.CallAsync("PATCH", $"{path}/{comment.Id()}", new { text, mentions = new[] { managerId, participantId } });
        Assert.Equal([managerId, participantId], edited.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()));
        await owner.CallAsync("PATCH", $"{path}/{comment.Id()}", new { text = "Shorter" });
        await host.CaughtUpAsync();
        Assert.Single(await InboxAsync(manager), n => n.Text("kind") == "task_mentioned");
        Assert.Single(await InboxAsync(participant), n => n.Text("kind") == "task_mentioned");
        var listed = (await participant.GetJsonAsync(path)).GetProperty("items")[0];
        Assert.Equal([managerId, participantId], listed.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()));

        var history = (await owner.GetJsonAsync($"{Route}/{task}/history")).GetRawText();
        Assert.Contains($"comments.{comment.Id()}.mentions", history);
    }

    [Fact]
    public async Task a_mention_of_someone_who_cannot_open_the_task_or_of_no_usable_user_is_refused_and_nothing_is_written()
    {
        var (_, owner) = await host.ColleagueAsync(null, "self", Worker);
        var (strangerId, stranger) = await host.ColleagueAsync(null, "self", Worker);
        var task = (await owner.CreateTaskAsync(new { name = "Secret deal" })).Id();
        var path = $"{Route}/{task}/comments";
        var disabled = await host.Admin.CreateUserAsync();
        await host.Admin.SendAsync("POST", $"/api/users/{disabled.Id()}/disable");

        await owner.RefusedAsync("POST", path, new { text = "fyi", mentions = new[] { strangerId } }, 422, "mentions[0]", "mention_cannot_see");
        await owner.RefusedAsync("POST", path, new { text = "fyi", mentions = new[] { Guid.NewGuid() } }, 422, "mentions[0]", "user_unusable");
        await owner.RefusedAsync("POST", path, new { text = "fyi", mentions = new[] { disabled.Id() } }, 422, "mentions[0]", "user_unusable");
        await owner.RefusedAsync("POST", path, new { text = "fyi", mentions = new[] { Guid.Empty } }, 400, "mentions[0]", "user_required");
        var many = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid()).ToArray();
        await owner.RefusedAsync("POST", path, new { text = "fyi", mentions = many }, 400, "mentions", "mentions_too_many");
        var comment = await owner.CallAsync("POST", path, new { text = "fyi" }, 201);
        await owner.RefusedAsync("PATCH", $"{path}/{comment.Id()}", new { text = "fyi", mentions = new[] { strangerId } }, 422, "mentions[0]",
            "mention_cannot_see");

        await host.CaughtUpAsync();
        Assert.DoesNotContain(await InboxAsync(stranger), n => n.GetProperty("recordId").GetGuid() == task);
        var comments = (await owner.GetJsonAsync(path)).GetProperty("items");
        Assert.Equal(1, comments.GetArrayLength());
        Assert.Equal(0, comments[0].GetProperty("mentions").GetArrayLength());
    }

    private static async Task<List<JsonElement>> InboxAsync(ApiCaller caller) =>
        [.. (await caller.GetJsonAsync("/api/notifications?limit=200")).GetProperty("items").EnumerateArray().Reverse()];
}
