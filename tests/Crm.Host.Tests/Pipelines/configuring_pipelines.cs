using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Pipelines.PipelineApi;

namespace Crm.Host.Tests.Pipelines;

public sealed class configuring_pipelines(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<List<JsonElement>> ListAsync() => (await host.Admin.GetJsonAsync(Route)).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task a_fresh_installation_has_the_standard_pipeline_as_its_default()
    {
        var standard = (await ListAsync()).Single(p => p.GetProperty("isDefault").GetBoolean());

        Assert.Equal("Standard pipeline", standard.GetProperty("name").GetString());
        Assert.Equal([10m, 30m, 60m, 80m, 100m, 0m], standard.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("winRate").GetDecimal()));
        Assert.Equal(["open", "open", "open", "open", "won", "lost"],
            standard.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task a_pipeline_is_created_read_renamed_restaged_under_if_match_and_its_history_names_each_change()
    {
        var created = await host.Admin.CreatePipelineAsync();
        var id = created.Id();
        Assert.False(created.GetProperty("isDefault").GetBoolean());
        Assert.Equal(55.5m, created.GetProperty("stages")[1].GetProperty("winRate").GetDecimal());
        var read = await host.Admin.Scenario(s => s.Get.Url($"{Route}/{id}"));
        Assert.Equal("\"1\"", read.ETag());

        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{id}", new { name = "Renamed" }, 412, code: "stale_version", ifMatch: "\"7\"");
        var kept = created.GetProperty("stages").EnumerateArray().ToList();
        var stages = new object[]
        {
            new { stageId = kept[1].GetProperty("stageId").GetGuid(), name = "Proposal", winRate = 50 },
            new { name = "Contract review", winRate = 90.25m },
            new { stageId = kept[2].GetProperty("stageId").GetGuid(), name = "Won", outcome = "won" },
            new { stageId = kept[3].GetProperty("stageId").GetGuid(), name = "Lost", outcome = "lost" },
        };
        var name = LeadApi.Unique("Renamed");
        var updated = (await host.Admin.ExpectAsync(HttpMethod.Patch, $"{Route}/{id}", new { name, stages }, ifMatch: "\"1\"")).Json();

        Assert.Equal(name, updated.GetProperty("name").GetString());
        Assert.Equal(kept[1].GetProperty("stageId").GetGuid(), updated.GetProperty("stages")[0].GetProperty("stageId").GetGuid());
        Assert.Equal(3, updated.GetProperty("version").GetInt64());
        var history = (await host.Admin.GetJsonAsync($"{Route}/{id}/history")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "renamed", "stages_changed"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Contains("Contract review (90.25 %, open)", history[2].GetProperty("changes")[0].GetProperty("new").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task bad_stages_and_names_are_400s_naming_the_field()
    {
        async Task Refused(object body, string field, string code) => await host.Admin.RefusalAsync(HttpMethod.Post, Route, body, 400, field, code);

        await Refused(new { name = "P", stages = Array.Empty<object>() }, "stages", "stages_invalid");
        await Refused(new { name = "P" }, "stages", "stages_invalid");
        await Refused(new { name = " ", stages = Stages() }, "name", "name_required");
        await Refused(new { name = "P", stages = new object[] { new { name = "Won", outcome = "won" }, new { name = "A", winRate = 5 },
            new { name = "Lost", outcome = "lost" } } }, "stages", "stage_order_invalid");
        await Refused(new { name = "P", stages = new object[] { new { name = "A", winRate = 100.5 }, new { name = "Won", outcome = "won" },
            new { name = "Lost", outcome = "lost" } } }, "stages[0].winRate", "win_rate_invalid");
        await Refused(new { name = "P", stages = new object[] { new { name = "A", winRate = 10.125 }, new { name = "Won", outcome = "won" },
            new { name = "Lost", outcome = "lost" } } }, "stages[0].winRate", "win_rate_invalid");
        await Refused(new { name = "P", stages = new object[] { new { name = "A" }, new { name = "Won", outcome = "won" },
            new { name = "Lost", outcome = "lost" } } }, "stages[0].winRate", "win_rate_required");
        await Refused(new { name = "P", stages = new object[] { new { name = "A", winRate = 10 }, new { name = "Won", outcome = "won", winRate = 90 },
            new { name = "Lost", outcome = "lost" } } }, "stages[1].winRate", "win_rate_fixed");
        await Refused(new { name = "P", stages = new object[] { new { name = "A", winRate = 10 }, new { name = "a", winRate = 20 },
            new { name = "Won", outcome = "won" }, new { name = "Lost", outcome = "lost" } } }, "stages[1].name", "stage_name_repeated");
        await Refused(new { name = "P", stages = new object[] { new { name = "", winRate = 10 }, new { name = "Won", outcome = "won" },
            new { name = "Lost", outcome = "lost" } } }, "stages[0].name", "stage_name_invalid");
        await Refused(new { name = "P", stages = new object[] { new { name = "A", winRate = 10, outcome = "maybe" }, new { name = "Won", outcome = "won" },
            new { name = "Lost", outcome = "lost" } } }, "stages[0].outcome", "stage_outcome_unknown");
        await Refused(new { id = Guid.Empty, name = "P", stages = Stages() }, "id", "id_invalid");
        await host.Admin.RefusalAsync(HttpMethod.Post, Route, """{"name":"P","stages":[{"name":"A","winRate":"ten"}]}""", 400);
        await host.Admin.RefusalAsync(HttpMethod.Post, Route, """{"name":"P","stages":[null]}""", 400, code: "item_null");

        var pipeline = await host.Admin.CreatePipelineAsync();
        var stage = new { stageId = Guid.CreateVersion7(), name = "A", winRate = 10 };
        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{pipeline.Id()}", new { stages = new object[] { stage, new { name = "Won", outcome = "won" },
            new { name = "Lost", outcome = "lost" } } }, 400, "stages[0].stageId", "stage_unknown");
        var first = pipeline.GetProperty("stages")[0].GetProperty("stageId").GetGuid();
        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{pipeline.Id()}", new { stages = new object[] { new { stageId = first, name = "A", winRate = 1 },
            new { stageId = first, name = "B", winRate = 2 }, new { name = "Won", outcome = "won" }, new { name = "Lost", outcome = "lost" } } },
            400, "stages[1].stageId", "stage_id_repeated");
        Assert.Equal(1, (await host.Admin.GetJsonAsync($"{Route}/{pipeline.Id()}")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task a_name_is_unique_whatever_its_case_and_racing_creates_make_one_pipeline()
    {
        var name = LeadApi.Unique("Key accounts");
        var first = await host.Admin.CreatePipelineAsync(name);
        await host.Admin.RefusalAsync(HttpMethod.Post, Route, new { name = name.ToUpperInvariant(), stages = Stages() }, 409, "name", "pipeline_name_taken");
        var other = await host.Admin.CreatePipelineAsync();
        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{other.Id()}", new { name = $" {name} " }, 409, "name", "pipeline_name_taken");

        var raced = LeadApi.Unique("Raced");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = raced, stages = Stages() }).ToUrl(Route);
            s.IgnoreStatusCode();
        })));

        Assert.Equal([201, 409, 409, 409], responses.Select(r => r.Status()).Order());
        foreach (var refused in responses.Where(r => r.Status() == 409)) refused.ShouldBeProblem(409, "name", "pipeline_name_taken");
        Assert.Single(await ListAsync(), p => p.GetProperty("name").GetString() == raced);
        Assert.NotEqual(first.Id(), other.Id());
    }

    [Fact]
    public async Task the_default_moves_in_one_append_and_racing_switches_leave_exactly_one()
    {
        var before = (await ListAsync()).Single(p => p.GetProperty("isDefault").GetBoolean());
        var made = await host.Admin.CreatePipelineAsync(isDefault: true);
        Assert.True(made.GetProperty("isDefault").GetBoolean());
        var previous = await host.Admin.GetJsonAsync($"{Route}/{before.Id()}");
        Assert.False(previous.GetProperty("isDefault").GetBoolean());
        Assert.Equal("default_cleared", (await host.Admin.GetJsonAsync($"{Route}/{before.Id()}/history")).GetProperty("items")
            .EnumerateArray().Last().GetProperty("action").GetString());
        await host.Admin.RefusalAsync(HttpMethod.Delete, $"{Route}/{made.Id()}", null, 409, code: "pipeline_is_default");

        var others = new List<Guid> { before.Id() };
        for (var i = 0; i < 3; i++) others.Add((await host.Admin.CreatePipelineAsync()).Id());
        var responses = await Task.WhenAll(others.Select(id => host.Admin.Scenario(s =>
        {
            s.Post.Url($"{Route}/{id}/make-default");
            s.WithoutBody();
            s.IgnoreStatusCode();
        })));

        Assert.All(responses, r => Assert.True(r.Status() is 200 or 409, r.Status().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Single(await ListAsync(), p => p.GetProperty("isDefault").GetBoolean());
        await host.Admin.Scenario(s =>
        {
            s.Post.Url($"{Route}/{before.Id()}/make-default");
            s.WithoutBody();
        });
        var again = await host.Admin.Scenario(s =>
        {
            s.Post.Url($"{Route}/{before.Id()}/make-default");
            s.WithoutBody();
        });
        Assert.True(again.Json().GetProperty("isDefault").GetBoolean());
        Assert.Single(await ListAsync(), p => p.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task a_pipeline_is_deleted_unless_open_opportunities_follow_it_and_its_history_stays()
    {
        var unused = await host.Admin.CreatePipelineAsync();
        await host.Admin.ExpectAsync(HttpMethod.Delete, $"{Route}/{unused.Id()}", null, 204, ifMatch: "\"1\"");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{unused.Id()}", null, 404, code: "pipeline_not_found");
        await host.Admin.RefusalAsync(HttpMethod.Delete, $"{Route}/{unused.Id()}", null, 404, code: "pipeline_not_found");
        Assert.Equal("deleted", (await host.Admin.GetJsonAsync($"{Route}/{unused.Id()}/history")).GetProperty("items")
            .EnumerateArray().Last().GetProperty("action").GetString());

        var used = await host.Admin.CreatePipelineAsync();
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        await host.OpenOpportunityAsync(used, admin);
        await host.Admin.RefusalAsync(HttpMethod.Delete, $"{Route}/{used.Id()}", null, 409, code: "pipeline_in_use");
    }

    [Fact]
    public async Task reading_needs_pipeline_list_and_configuring_needs_pipeline_edit()
    {
        var pipeline = await host.Admin.CreatePipelineAsync();
        var (_, reader) = await host.SignedInUserAsync("self", "pipeline.list");
        var (_, nobody) = await host.SignedInUserAsync("self", "customer.list");

        await reader.GetJsonAsync(Route);
        await reader.GetJsonAsync($"{Route}/{pipeline.Id()}/history");
        var denied = await reader.RefusalAsync(HttpMethod.Post, Route, new { name = "P", stages = Stages() }, 403, code: "permission_denied");
        Assert.Equal("pipeline.edit", denied.GetProperty("permission").GetString());
        await reader.RefusalAsync(HttpMethod.Patch, $"{Route}/{pipeline.Id()}", new { name = "X" }, 403);
        await reader.RefusalAsync(HttpMethod.Delete, $"{Route}/{pipeline.Id()}", null, 403);
        await reader.RefusalAsync(HttpMethod.Post, $"{Route}/{pipeline.Id()}/make-default", null, 403);
        await nobody.RefusalAsync(HttpMethod.Get, Route, null, 403);
        await nobody.RefusalAsync(HttpMethod.Get, $"{Route}/{pipeline.Id()}", null, 403);
        await host.SignedOut.RefusalAsync(HttpMethod.Get, Route, null, 401);
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{Guid.CreateVersion7()}", null, 404, code: "pipeline_not_found");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{Guid.CreateVersion7()}/history", null, 404, code: "pipeline_not_found");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"{Route}/{Guid.CreateVersion7()}/make-default", null, 404, code: "pipeline_not_found");
        await host.Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/not-a-uuid", new { name = "X" }, 400);
    }

    [Fact]
    public async Task an_idempotent_create_answers_the_first_response_and_a_taken_id_is_refused()
    {
        var name = LeadApi.Unique("Once");
        var first = await host.Admin.ExpectAsync(HttpMethod.Post, Route, new { name, stages = Stages() }, 201, idempotencyKey: "pipe-" + name);
        var again = await host.Admin.ExpectAsync(HttpMethod.Post, Route, new { name, stages = Stages() }, 201, idempotencyKey: "pipe-" + name);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(first.Json().Id(), again.Json().Id());
        await host.Admin.RefusalAsync(HttpMethod.Post, Route, new { id = first.Json().Id(), name = LeadApi.Unique("Other"), stages = Stages() }, 409, "id",
            "id_taken");
    }
}
