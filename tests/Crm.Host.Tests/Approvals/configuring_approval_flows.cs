using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Approvals.ApprovalApi;

namespace Crm.Host.Tests.Approvals;

public sealed class configuring_approval_flows(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    [Fact]
    public async Task a_flow_is_created_read_listed_changed_switched_and_deleted()
    {
        var role = await host.RoleAsync();
        var created = await host.Admin.CreatedAsync(Flows, new
        {
            recordKind = "contract", name = "  Contracts  ",
            steps = new object[] { new { name = "Manager", approverKind = "superior", userId = Guid.CreateVersion7() }, new { name = "Finance", approverKind = "role", roleId = role, mode = "all" } },
        });
        var id = created.Id();
        Assert.Equal(("Contracts", false, 1L), (created.GetProperty("name").GetString(), created.GetProperty("enabled").GetBoolean(), created.GetProperty("version").GetInt64()));
        var steps = created.GetProperty("steps");
        Assert.Equal(("any", System.Text.Json.JsonValueKind.Null), (steps[0].GetProperty("mode").GetString(), steps[0].GetProperty("userId").ValueKind));
        Assert.Equal((role, "all"), (steps[1].GetProperty("roleId").GetGuid(), steps[1].GetProperty("mode").GetString()));

        var read = await host.Admin.Scenario(s => s.Get.Url($"{Flows}/{id}"));
        Assert.Equal("\"1\"", read.ETag());
        Assert.Contains(id, (await host.Admin.GetJsonAsync(Flows + "?recordKind=contract")).GetProperty("items").EnumerateArray().Select(f => f.Id()));
        await host.Admin.RefusedAsync(HttpMethod.Get, Flows + "?recordKind=expense", null, 400, "recordKind", "record_kind_unknown");

        var renamed = (await host.Admin.SendAsync(HttpMethod.Patch, $"{Flows}/{id}", new { name = "Contracts 2026" }, ifMatch: "\"1\"")).Json();
        Assert.Equal(("Contracts 2026", 2L, 2), (renamed.GetProperty("name").GetString(), renamed.GetProperty("version").GetInt64(),
            renamed.GetProperty("steps").GetArrayLength()));
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Flows}/{id}", new { name = "Stale" }, 412, code: "stale_version", ifMatch: "\"1\"");
        await host.NoFlowAsync();
        Assert.True((await host.Admin.SendAsync(HttpMethod.Post, $"{Flows}/{id}/enable")).Json().GetProperty("enabled").GetBoolean());
        Assert.False((await host.Admin.SendAsync(HttpMethod.Post, $"{Flows}/{id}/disable")).Json().GetProperty("enabled").GetBoolean());
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Flows}/{id}", status: 204);
        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null), (HttpMethod.Patch, "", new { name = "x" }), (HttpMethod.Post, "/enable", null), (HttpMethod.Post, "/disable", null),
                     (HttpMethod.Delete, "", null),
                 })
        {
            await host.Admin.RefusedAsync(method, $"{Flows}/{id}{suffix}", body, 404, code: "approval_flow_not_found");
        }
    }

    public static TheoryData<string, int, string, string> BadFlows => new()
    {
        { """{"name":"F","steps":[{"name":"S","approverKind":"superior"}]}""", 400, "recordKind", "record_kind_required" },
        { """{"recordKind":"expense","name":"F","steps":[{"name":"S","approverKind":"superior"}]}""", 422, "recordKind", "record_kind_unknown" },
        { """{"recordKind":"contract","name":" ","steps":[{"name":"S","approverKind":"superior"}]}""", 400, "name", "name_required" },
        { $$"""{"recordKind":"contract","name":"{{new string('n', 61)}}","steps":[{"name":"S","approverKind":"superior"}]}""", 400, "name", "name_too_long" },
        { """{"recordKind":"contract","name":"F","steps":[]}""", 400, "steps", "steps_out_of_range" },
        { """{"recordKind":"contract","name":"F","steps":[{"approverKind":"superior"}]}""", 400, "steps[0].name", "step_name_required" },
        { $$"""{"recordKind":"contract","name":"F","steps":[{"name":"{{new string('s', 51)}}","approverKind":"superior"}]}""", 400, "steps[0].name", "step_name_too_long" },
        { """{"recordKind":"contract","name":"F","steps":[{"name":"S","approverKind":"boss"}]}""", 400, "steps[0].approverKind", "approver_kind_invalid" },
        { """{"recordKind":"contract","name":"F","steps":[{"name":"S","approverKind":"superior"},{"name":"U","approverKind":"user"}]}""", 400, "steps[1].userId", "step_user_required" },
        { """{"recordKind":"contract","name":"F","steps":[{"name":"R","approverKind":"role"}]}""", 400, "steps[0].roleId", "step_role_required" },
        { """{"recordKind":"contract","name":"F","steps":[{"name":"S","approverKind":"superior","mode":"most"}]}""", 400, "steps[0].mode", "mode_invalid" },
        { """{"recordKind":"contract","name":"F","steps":[{"name":"U","approverKind":"user","userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f09"}]}""", 422, "steps[0].userId", "user_unusable" },
        { """{"recordKind":"contract","name":"F","steps":[{"name":"R","approverKind":"role","roleId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f09"}]}""", 422, "steps[0].roleId", "role_unknown" },
    };

    [Theory]
    [MemberData(nameof(BadFlows))]
    public async Task a_broken_flow_is_refused_naming_the_field_and_nothing_is_written(string json, int status, string field, string code)
    {
        var before = await host.EventCountAsync();
        await host.Admin.Scenario(s =>
        {
            UserApi.Send(s, "POST", Flows, json);
            s.ProblemShouldBe(status, field, code);
        });
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task eleven_steps_are_too_many_and_a_disabled_user_cannot_approve_a_step()
    {
        var steps = Enumerable.Range(0, 11).Select(i => new { name = $"S{i}", approverKind = "superior" }).ToArray();
        await host.Admin.RefusedAsync(HttpMethod.Post, Flows, new { recordKind = "contract", name = "Long", steps }, 400, "steps", "steps_out_of_range");
        var user = await host.Admin.CreateUserAsync();
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/users/{user.Id()}/disable");
        await host.Admin.RefusedAsync(HttpMethod.Post, Flows, new { recordKind = "contract", name = "Off", steps = new[] { UserStep(user.Id()) } }, 422,
            "steps[0].userId", "user_unusable");
    }

    [Fact]
    public async Task one_flow_per_kind_is_enabled_and_two_concurrent_enables_cannot_both_win()
    {
        await host.NoFlowAsync();
        var first = await host.Admin.CreatedAsync(Flows, new { recordKind = "contract", name = "A", steps = new[] { new { name = "S", approverKind = "superior" } }, enabled = true });
        var conflict = (await host.Admin.RefusedAsync(HttpMethod.Post, Flows,
            new { recordKind = "contract", name = "B", steps = new[] { new { name = "S", approverKind = "superior" } }, enabled = true }, 409, "enabled",
            "approval_flow_conflict")).Json();
        Assert.Equal(first.Id(), conflict.GetProperty("flowId").GetGuid());
        await host.NoFlowAsync();

        for (var round = 0; round < 3; round++)
        {
            var a = await host.Admin.CreatedAsync(Flows, new { recordKind = "contract", name = "A" + round, steps = new[] { new { name = "S", approverKind = "superior" } } });
            var b = await host.Admin.CreatedAsync(Flows, new { recordKind = "contract", name = "B" + round, steps = new[] { new { name = "S", approverKind = "superior" } } });
            var answers = await Task.WhenAll(new[] { a.Id(), b.Id() }.Select(id => host.Admin.Scenario(s =>
            {
                s.Post.Url($"{Flows}/{id}/enable");
                s.IgnoreStatusCode();
            })));
            Assert.Equal([200, 409], answers.Select(r => r.Status()).Order());
            var enabled = (await host.Admin.GetJsonAsync(Flows + "?recordKind=contract")).GetProperty("items").EnumerateArray()
                .Count(f => f.GetProperty("enabled").GetBoolean());
            Assert.Equal(1, enabled);
            await host.NoFlowAsync();
        }
    }

    [Fact]
    public async Task configuring_flows_needs_approval_flow_edit_and_reading_them_approval_flow_list()
    {
        var (_, reader) = await host.MemberAsync(null, await host.RoleAsync("all", "approval-flow.list"));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await reader.GetJsonAsync(Flows)).GetProperty("items").ValueKind);
        await reader.RefusedAsync(HttpMethod.Post, Flows, new { recordKind = "contract", name = "X", steps = new[] { new { name = "S", approverKind = "superior" } } }, 403,
            code: "permission_denied");
        var (_, nobody) = await host.MemberAsync();
        await nobody.RefusedAsync(HttpMethod.Get, Flows, null, 403, code: "permission_denied");
    }
}
