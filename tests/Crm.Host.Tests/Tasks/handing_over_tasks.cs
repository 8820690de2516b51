using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Tasks;

public sealed class handing_over_tasks(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_disabled_users_open_tasks_go_to_the_heir_and_their_done_ones_stay()
    {
        var (leaverId, leaver) = await host.ColleagueAsync(null, "self", Worker);
        var heir = (await host.Admin.CreateUserAsync()).Id();
        var open = await leaver.CreateTaskAsync(new { name = "Still to do" });
        var done = await leaver.CreateTaskAsync(new { name = "Done" });
        await leaver.CallAsync("POST", $"{Route}/{done.Id()}/complete");
        await host.Admin.SendAsync("POST", $"/api/users/{leaverId}/disable");

        var answer = await host.Admin.CallAsync("POST", $"/api/users/{leaverId}/hand-over", new { toUserId = heir });

        Assert.Equal(1, answer.GetProperty("modules").GetProperty("tasks").GetInt32());
        Assert.Equal(heir, (await host.Admin.GetJsonAsync($"{Route}/{open.Id()}")).GetProperty("ownerId").GetGuid());
        Assert.Equal(leaverId, (await host.Admin.GetJsonAsync($"{Route}/{done.Id()}")).GetProperty("ownerId").GetGuid());
        var history = (await host.Admin.GetJsonAsync($"{Route}/{open.Id()}/history")).GetProperty("items");
        Assert.Equal("task.reassigned", history[history.GetArrayLength() - 1].Text("eventType"));
    }
}
