using System.Text.Json;
using Crm.Host.Tests.Org;
using Alba;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

public sealed class managing_users(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    [Fact]
    public async Task a_registered_user_answers_201_with_location_etag_and_no_credentials()
    {
        var department = await Admin.CreateDepartmentAsync("Sales");
        var role = await Admin.CreateRoleAsync("Sales rep " + Guid.NewGuid().ToString("N")[..8]);
        var mobile = "+86" + NewMobile();
        var response = await Admin.SendAsync("POST", Route, new
        {
            mobile, password = Password, displayName = " Li Na ", gender = "female", email = "li.na@example.com",
            departmentId = department.Id(), roleIds = new[] { role.GetProperty("id").GetGuid() },
        }, 201);

        var user = response.Json();
        Assert.Equal(("Li Na", mobile, "female", false), (user.GetProperty("displayName").GetString(), user.Mobile(), user.GetProperty("gender").GetString(), user.GetProperty("isDisabled").GetBoolean()));
        Assert.Equal($"/api/users/{user.Id()}", response.Header("Location"));
        Assert.Equal("\"2\"", response.ETag());
        Assert.DoesNotContain("password", user.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string> BadCreates => new()
    {
        { """{ "password": "a fine password", "displayName": "X" }""", "mobile" },
        { """{ "mobile": "12345", "password": "a fine password", "displayName": "X" }""", "mobile" },
        { """{ "mobile": "123456789012345678901", "password": "a fine password", "displayName": "X" }""", "mobile" },
        { """{ "mobile": "138-0000-0000", "password": "a fine password", "displayName": "X" }""", "mobile" },
        { """{ "mobile": "13811112222", "displayName": "X" }""", "password" },
        { """{ "mobile": "13811112222", "password": "short", "displayName": "X" }""", "password" },
        { $$"""{ "mobile": "13811112222", "password": "{{new string('p', 129)}}", "displayName": "X" }""", "password" },
        { """{ "mobile": "13811112222", "password": "a fine password" }""", "displayName" },
        { $$"""{ "mobile": "13811112222", "password": "a fine password", "displayName": "{{new string('n', 101)}}" }""", "displayName" },
        { """{ "mobile": "13811112222", "password": "a fine password", "displayName": "X", "email": "not-an-email" }""", "email" },
        { $$"""{ "mobile": "13811112222", "password": "a fine password", "displayName": "X", "email": "{{new string('e', 250)}}@example.com" }""", "email" },
        { """{ "mobile": "13811112222", "password": "a fine password", "displayName": "X", "gender": "other" }""", "gender" },
        { """{ "mobile": "13811112222", "password": "a fine password", "displayName": "X", "roleIds": ["00000000-0000-0000-0000-000000000000"] }""", "roleIds" },
        { """{ "mobile": "13811112222", "password": "a fine password", "displayName": "X", "departmentId": "nope" }""", "departmentId" },
        { """{ "mobile": "13811112222", "password": "a fine password", "displayName": "X", "isSuperAdmin": true }""", "isSuperAdmin" },
        { """{ "mobile": 13811112222, "password": "a fine password", "displayName": "X" }""", "mobile" },
        { """{ "mobile": "13811112222" """, "body" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task bad_input_on_create_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await host.EventCountAsync();
        await Admin.ProblemAsync("POST", Route, json, 400, field);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task unknown_department_or_superior_is_a_422_and_a_taken_mobile_a_409_and_nothing_is_written()
    {
        var existing = await Admin.CreateUserAsync();
        var before = await host.EventCountAsync();

        var department = await Admin.ProblemAsync("POST", Route, new { mobile = NewMobile(), password = Password, displayName = "X", departmentId = Guid.CreateVersion7() }, 422, "departmentId");
        var superior = await Admin.ProblemAsync("POST", Route, new { mobile = NewMobile(), password = Password, displayName = "X", superiorId = Guid.CreateVersion7() }, 422, "superiorId");
        var taken = await Admin.ProblemAsync("POST", Route, new { mobile = existing.Mobile(), password = Password, displayName = "X" }, 409, "mobile");

        Assert.Equal(("department_not_found", "superior_not_found", "mobile_taken"),
            (department.GetProperty("code").GetString(), superior.GetProperty("code").GetString(), taken.GetProperty("code").GetString()));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_superior_chain_cannot_get_a_cycle()
    {
        var boss = await Admin.CreateUserAsync(name: "Boss");
        var lead = await Admin.CreateUserAsync(name: "Lead", extra: new { superiorId = boss.Id() });
        var clerk = await Admin.CreateUserAsync(name: "Clerk", extra: new { superiorId = lead.Id() });
        var before = await host.EventCountAsync();

        var cycle = await Admin.ProblemAsync("PATCH", $"{Route}/{boss.Id()}", $$"""{ "superiorId": "{{clerk.Id()}}" }""", 409, "superiorId");
        await Admin.ProblemAsync("PATCH", $"{Route}/{boss.Id()}", $$"""{ "superiorId": "{{boss.Id()}}" }""", 409, "superiorId");

        Assert.Equal("superior_cycle", cycle.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_patch_changes_only_the_fields_sent_and_null_clears_an_optional_one()
    {
        var user = await Admin.CreateUserAsync(extra: new { email = "old@example.com", gender = "male" });

        var response = await Admin.SendAsync("PATCH", $"{Route}/{user.Id()}", """{ "displayName": "New Name", "email": null }""", 200, ("If-Match", "\"2\""));

        var changed = response.Json();
        Assert.Equal(("New Name", JsonValueKind.Null, "male"), (changed.GetProperty("displayName").GetString(), changed.GetProperty("email").ValueKind, changed.GetProperty("gender").GetString()));
        Assert.Equal("\"4\"", response.ETag());
        await Admin.ProblemAsync("PATCH", $"{Route}/{user.Id()}", """{ "displayName": "Stale" }""", 412, null, ("If-Match", "\"2\""));
    }

    [Theory]
    [InlineData("""{ "mobile": "abc" }""", "mobile")]
    [InlineData("""{ "mobile": null }""", "mobile")]
    [InlineData("""{ "displayName": "" }""", "displayName")]
    [InlineData("""{ "email": "a@b" }""", "email")]
    [InlineData("""{ "departmentId": "nope" }""", "departmentId")]
    [InlineData("""{ "superiorId": 5 }""", "superiorId")]
    [InlineData("""{ "password": "a fine password" }""", "password")]
    [InlineData("""{ "isDisabled": true }""", "isDisabled")]
    public async Task bad_input_on_patch_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var user = await Admin.CreateUserAsync();
        var before = await host.EventCountAsync();
        await Admin.ProblemAsync("PATCH", $"{Route}/{user.Id()}", json, 400, field);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task unknown_users_are_404_on_every_action()
    {
        var id = Guid.CreateVersion7();
        await Admin.ProblemAsync("GET", $"{Route}/{id}", null, 404);
        await Admin.ProblemAsync("GET", $"{Route}/{id}/history", null, 404);
        await Admin.ProblemAsync("PATCH", $"{Route}/{id}", """{ "displayName": "X" }""", 404);
        await Admin.ProblemAsync("POST", $"{Route}/{id}/disable", null, 404);
        await Admin.ProblemAsync("POST", $"{Route}/{id}/enable", null, 404);
        await Admin.ProblemAsync("POST", $"{Route}/{id}/roles", new { roleIds = Array.Empty<Guid>() }, 404);
        await Admin.ProblemAsync("POST", $"{Route}/{id}/super-admin", new { grant = true }, 404);
        await Admin.ProblemAsync("POST", $"{Route}/{id}/reset-password", new { password = Password }, 404);
        await Admin.ProblemAsync("POST", $"{Route}/{id}/hand-over", new { toUserId = Guid.CreateVersion7() }, 404);
    }

    [Fact]
    public async Task action_bodies_missing_their_field_are_a_400_naming_it()
    {
        var user = await Admin.CreateUserAsync();
        await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/roles", new { }, 400, "roleIds");
        await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/super-admin", new { }, 400, "grant");
        await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/reset-password", new { }, 400, "password");
        await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/hand-over", new { }, 400, "toUserId");
        await Admin.ProblemAsync("GET", $"{Route}?status=gone", null, 400, "status");
        await Admin.ProblemAsync("GET", $"{Route}?limit=501", null, 400, "limit");
        await Admin.ProblemAsync("GET", $"{Route}?q={new string('q', 201)}", null, 400, "q");
    }

    [Fact]
    public async Task roles_are_set_as_a_whole_and_the_history_names_the_acting_administrator()
    {
        var user = await Admin.CreateUserAsync();
        var a = (await Admin.CreateRoleAsync("Role A " + Guid.NewGuid().ToString("N")[..8])).GetProperty("id").GetGuid();
        var b = (await Admin.CreateRoleAsync("Role B " + Guid.NewGuid().ToString("N")[..8])).GetProperty("id").GetGuid();
        var unknown = await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/roles", new { roleIds = new[] { a, Guid.CreateVersion7() } }, 422, "roleIds");
        Assert.Equal("role_not_found", unknown.GetProperty("code").GetString());

        var response = await Admin.SendAsync("POST", $"{Route}/{user.Id()}/roles", new { roleIds = new[] { a, b } });

        Assert.Equal([a, b], response.Json().GetProperty("roleIds").EnumerateArray().Select(r => r.GetGuid()));
        var me = await Admin.GetJsonAsync("/api/auth/me");
        var history = await Admin.GetJsonAsync($"{Route}/{user.Id()}/history");
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["registered", "password-initial", "roles-changed"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(me.Id(), e.GetProperty("actorId").GetGuid()));
    }

    [Fact]
    public async Task the_last_super_administrator_cannot_be_disabled_or_revoked_but_one_of_two_can()
    {
        var me = await Admin.GetJsonAsync("/api/auth/me");
        var before = await host.EventCountAsync();

        var disable = await Admin.ProblemAsync("POST", $"{Route}/{me.Id()}/disable", null, 409);
        var revoke = await Admin.ProblemAsync("POST", $"{Route}/{me.Id()}/super-admin", new { grant = false }, 409);
        Assert.Equal(("last_super_admin", "last_super_admin"), (disable.GetProperty("code").GetString(), revoke.GetProperty("code").GetString()));
        Assert.Equal(before, await host.EventCountAsync());

        var second = await Admin.CreateUserAsync();
        await Admin.SendAsync("POST", $"{Route}/{second.Id()}/super-admin", new { grant = true });
        var secondAdmin = await host.SignedInAsync(second.Mobile(), Password);
        await secondAdmin.SendAsync("POST", $"{Route}/{second.Id()}/super-admin", new { grant = false });
        // No longer an administrator: the next management call is refused.
        await secondAdmin.ProblemAsync("POST", $"{Route}/{second.Id()}/super-admin", new { grant = true }, 403);
    }

    [Fact]
    public async Task a_disabled_users_records_are_handed_over_to_an_enabled_user()
    {
        var leaver = await Admin.CreateUserAsync();
        var heir = await Admin.CreateUserAsync();

        await Admin.ProblemAsync("POST", $"{Route}/{leaver.Id()}/hand-over", new { toUserId = heir.Id() }, 409);
        await Admin.SendAsync("POST", $"{Route}/{leaver.Id()}/disable");
        await Admin.ProblemAsync("POST", $"{Route}/{leaver.Id()}/hand-over", new { toUserId = Guid.CreateVersion7() }, 422, "toUserId");
        var handedOver = await Admin.SendAsync("POST", $"{Route}/{leaver.Id()}/hand-over", new { toUserId = heir.Id() });

        Assert.Equal(heir.Id(), handedOver.Json().GetProperty("toUserId").GetGuid());
        var history = await Admin.GetJsonAsync($"{Route}/{leaver.Id()}/history");
        Assert.Equal("user.records-handed-over", history.GetProperty("items").EnumerateArray().Last().GetProperty("eventType").GetString());
    }

    [Fact]
    public async Task lists_filter_by_department_status_and_text_and_time_travel_shows_the_past()
    {
        var department = await Admin.CreateDepartmentAsync("Support");
        var a = await Admin.CreateUserAsync(name: "Zhou Alpha", extra: new { departmentId = department.Id() });
        var b = await Admin.CreateUserAsync(name: "Zhou Beta", extra: new { departmentId = department.Id() });
        await Admin.SendAsync("POST", $"{Route}/{b.Id()}/disable");

        var all = await Admin.GetJsonAsync($"{Route}?departmentId={department.Id()}&limit=1");
        var enabled = await Admin.GetJsonAsync($"{Route}?departmentId={department.Id()}&status=enabled");
        var byText = await Admin.GetJsonAsync($"{Route}?q=zhou%20be");
        var past = await Admin.GetJsonAsync($"{Route}/{b.Id()}?version=2");

        Assert.Equal(a.Id(), all.GetProperty("items")[0].Id());
        Assert.NotEqual(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);
        Assert.Equal([a.Id()], enabled.GetProperty("items").EnumerateArray().Select(u => u.Id()));
        Assert.Equal([b.Id()], byText.GetProperty("items").EnumerateArray().Select(u => u.Id()));
        Assert.False(past.GetProperty("isDisabled").GetBoolean());
    }

    [Fact]
    public async Task actions_take_if_match_and_idempotency_keys()
    {
        var user = await Admin.CreateUserAsync();
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());

        await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/disable", null, 412, null, ("If-Match", "\"1\""));
        await Admin.SendAsync("POST", $"{Route}/{user.Id()}/reset-password", """{ "password": "once and only once" }""", 200, key);
        var before = await host.EventCountAsync();
        var retry = await Admin.SendAsync("POST", $"{Route}/{user.Id()}/reset-password", """{ "password": "once and only once" }""", 200, key);

        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(before, await host.EventCountAsync());
        await Admin.ProblemAsync("POST", $"{Route}/{user.Id()}/enable", null, 400, "If-Match", ("If-Match", "W/\"1\""));
    }

    [Fact]
    public async Task a_position_must_exist_and_can_be_set_and_cleared()
    {
        var department = await Admin.CreateDepartmentAsync("Positions dept");
        var position = (await Admin.SendAsync("POST", "/api/positions", new { name = "Rep", departmentId = department.Id() }, 201)).Json();
        var before = await host.EventCountAsync();
        await Admin.ProblemAsync("POST", Route, new { mobile = NewMobile(), password = Password, displayName = "X", positionId = Guid.CreateVersion7() }, 422, "positionId");
        Assert.Equal(before, await host.EventCountAsync());

        var user = await Admin.CreateUserAsync(extra: new { positionId = position.Id() });
        Assert.Equal(position.Id(), user.GetProperty("positionId").GetGuid());
        await Admin.ProblemAsync("PATCH", $"{Route}/{user.Id()}", $$"""{ "positionId": "{{Guid.CreateVersion7()}}" }""", 422, "positionId");
        var cleared = (await Admin.SendAsync("PATCH", $"{Route}/{user.Id()}", """{ "positionId": null }""")).Json();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("positionId").ValueKind);
    }
}
