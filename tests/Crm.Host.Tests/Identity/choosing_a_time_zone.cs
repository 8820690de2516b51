using Crm.Host.Tests.Org;
using static Crm.Host.Tests.Identity.UserApi;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Identity;

/// <summary>
/// A user's time zone (WORK-2/WORK-3: "show the user's zone"): set by the user at PUT /api/auth/me/time-zone or by an administrator
/// through PATCH /api/users/{id}, an IANA id checked as the calendar checks one, recorded as user.time-zone-changed (old → new).
/// </summary>
public sealed class choosing_a_time_zone(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Mine = "/api/auth/me/time-zone";

    private const string Users = UserApi.Route;

    [Fact]
    public async Task a_user_sets_their_own_time_zone_and_it_shows_in_every_answer_about_them_and_in_the_history()
    {
        var (id, me) = await host.SignedInUserAsync("self", "task.list");
        Assert.Equal("UTC", (await me.GetJsonAsync("/api/auth/me")).Text("timeZone"));

        var answered = await me.CallAsync("PUT", Mine, new { timeZone = "Asia/Shanghai" });
        Assert.Equal(("Asia/Shanghai", id), (answered.Text("timeZone"), answered.Id()));
        Assert.Equal("Asia/Shanghai", (await me.GetJsonAsync("/api/auth/me")).Text("timeZone"));
        var read = await host.Admin.GetJsonAsync($"{Users}/{id}");
        Assert.Equal("Asia/Shanghai", read.Text("timeZone"));
        var version = read.GetProperty("version").GetInt64();
        Assert.Equal("UTC", (await host.Admin.GetJsonAsync($"{Users}/{id}?version={version - 1}")).Text("timeZone"));
        var entry = (await host.Admin.GetJsonAsync($"{Users}/{id}/history")).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("user.time-zone-changed", id), (entry.Text("eventType"), entry.GetProperty("actorId").GetGuid()));
        var change = entry.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("timeZone", "UTC", "Asia/Shanghai"), (change.Text("field"), change.Text("old"), change.Text("new")));

        var before = await host.EventCountAsync();
        Assert.Equal(version, (await me.CallAsync("PUT", Mine, new { timeZone = " Asia/Shanghai " })).GetProperty("version").GetInt64());
        Assert.Equal(before, await host.EventCountAsync());
        Assert.Equal("UTC", (await me.CallAsync("PUT", Mine, new { timeZone = "UTC" })).Text("timeZone"));
    }

    [Fact]
    public async Task a_zone_that_is_not_an_iana_id_is_refused_naming_the_field()
    {
        var (id, me) = await host.SignedInUserAsync("self", "task.list");
        var before = await host.EventCountAsync();
        await me.RefusedAsync("PUT", Mine, new { timeZone = "Mars/Olympus_Mons" }, 400, "timeZone", "time_zone_invalid");
        await me.RefusedAsync("PUT", Mine, new { timeZone = "+08:00" }, 400, "timeZone", "time_zone_invalid");
        await me.RefusedAsync("PUT", Mine, new { timeZone = new string('A', 65) }, 400, "timeZone", "time_zone_invalid");
        await me.RefusedAsync("PUT", Mine, new { }, 400, "timeZone", "time_zone_invalid");
        await host.Admin.RefusedAsync("PATCH", $"{Users}/{id}", """{"timeZone":"Asia/Beijing"}""", 400, "timeZone", "time_zone_invalid");
        await host.Admin.RefusedAsync("PATCH", $"{Users}/{id}", """{"timeZone":8}""", 400, "timeZone", "field_invalid");
        Assert.Equal(before, await host.EventCountAsync());
        await host.SignedOut.ProblemAsync("PUT", Mine, new { timeZone = "UTC" }, 401);
    }

    [Fact]
    public async Task an_administrator_sets_a_users_zone_through_the_user_edit_and_null_resets_it_to_utc()
    {
        var user = await host.Admin.CreateUserAsync();
        var changed = await host.Admin.CallAsync("PATCH", $"{Users}/{user.Id()}", """{"timeZone":"Europe/Berlin"}""");
        Assert.Equal("Europe/Berlin", changed.Text("timeZone"));
        var reset = await host.Admin.CallAsync("PATCH", $"{Users}/{user.Id()}", """{"timeZone":null}""");
        Assert.Equal("UTC", reset.Text("timeZone"));
        var signedIn = await host.SignedInAsync(user.Mobile(), Password);
        Assert.Equal("UTC", (await signedIn.GetJsonAsync("/api/auth/me")).Text("timeZone"));
    }

    [Fact]
    public async Task an_administrator_without_standing_over_the_user_cannot_set_their_zone()
    {
        var target = await host.Admin.CreateUserAsync();
        var (_, reader) = await host.SignedInUserAsync("all", "user.list", "user.detail");
        var before = await host.EventCountAsync();
        var noEdit = await reader.ProblemAsync("PATCH", $"{Users}/{target.Id()}", """{"timeZone":"Asia/Shanghai"}""", 403);
        Assert.Equal(("permission_denied", "user.edit"), (noEdit.Text("code"), noEdit.Text("permission")));

        // A user administrator does not reach a super administrator's account, their zone included.
        var (_, userAdmin) = await host.SignedInUserAsync("all", "user.list", "user.detail", "user.edit");
        var super = await host.Admin.CreateUserAsync(name: "Another Administrator");
        await host.Admin.SendAsync("POST", $"{Users}/{super.Id()}/super-admin", new { grant = true });
        before = await host.EventCountAsync();
        await userAdmin.RefusedAsync("PATCH", $"{Users}/{super.Id()}", """{"timeZone":"Asia/Shanghai"}""", 403, null, "super_admin_protected");
        Assert.Equal(before, await host.EventCountAsync());
        Assert.Equal("UTC", (await host.Admin.GetJsonAsync($"{Users}/{super.Id()}")).Text("timeZone"));
        Assert.Equal("Asia/Shanghai",
            (await userAdmin.CallAsync("PATCH", $"{Users}/{target.Id()}", """{"timeZone":"Asia/Shanghai"}""")).Text("timeZone"));
    }
}
