using System.Text.Json;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Projections.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.Platform;

/// <summary>/api/admin/projections: the read models' state and dead letters, a rebuild and a replay of dead letters, under permissions.</summary>
public sealed class administering_read_models(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Route = "/api/admin/projections";
    private static readonly string DailyCounts = new DailyCountsProjection().Name;

    private ProjectionDaemon Daemon => host.Services.GetRequiredService<ProjectionDaemon>();

    [Fact]
    public async Task an_administrator_sees_every_read_model_with_its_state()
    {
        await host.CaughtUpAsync();
        var list = await host.Admin.GetJsonAsync(Route);

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Daemon.ProjectionNames.Order(), items.Select(i => i.GetProperty("name").GetString()!).Order());
        Assert.All(items, i => Assert.Equal("running", i.GetProperty("status").GetString()));
        var one = (await host.Admin.GetJsonAsync($"{Route}?name={DailyCounts}")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((DailyCounts, 0L), (one.GetProperty("name").GetString(), one.GetProperty("openDeadLetters").GetInt64()));
        Assert.True(GlobalPosition.TryParse(one.GetProperty("checkpoint").GetString(), out _));
    }

    [Fact]
    public async Task an_inline_read_model_is_listed_as_such_and_rebuilt_blue_green_by_the_daemon_on_request()
    {
        await host.Admin.CreateDepartmentAsync("Rebuilt East");
        var before = await DepartmentsAsync();
        var listed = (await host.Admin.GetJsonAsync(Route)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "org.departments");
        Assert.Equal(("inline", "0-0", 0L), (listed.GetProperty("kind").GetString(), listed.GetProperty("checkpoint").GetString(),
            listed.GetProperty("eventsBehind").GetInt64()));

        var accepted = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { projection = "org.departments" }).ToUrl($"{Route}/rebuild");
            s.StatusCodeShouldBe(202);
        });
        Assert.Equal($"{Route}?name=org.departments", accepted.Context.Response.Headers.Location.ToString());
        Assert.Equal("inline", accepted.Json().GetProperty("kind").GetString());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement state;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the daemon did not carry out the inline rebuild");
            await Task.Delay(50);
            state = (await host.Admin.GetJsonAsync($"{Route}?name=org.departments")).GetProperty("items")[0];
        }
        while (state.GetProperty("status").GetString() != "running" || state.GetProperty("eventsProcessed").GetInt64() == 0);

        Assert.Equal(before, await DepartmentsAsync());
        Assert.Empty((await host.Admin.GetJsonAsync($"{Route}/dead-letters?projection=org.departments")).GetProperty("items").EnumerateArray());
    }

    private async Task<List<string>> DepartmentsAsync()
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select t::text from org.departments t order by 1");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task reading_or_rebuilding_read_models_takes_its_permission()
    {
        var (_, reader) = await host.SignedInUserAsync("self", "projection.list");
        var (_, nobody) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);

        await host.SignedOut.Scenario(s => { s.Get.Url(Route); s.ProblemShouldBe(401); });
        await nobody.Scenario(s => { s.Get.Url(Route); s.ProblemShouldBe(403, code: "permission_denied"); });
        await nobody.Scenario(s => { s.Get.Url($"{Route}/dead-letters?projection={DailyCounts}"); s.ProblemShouldBe(403, code: "permission_denied"); });
        await reader.Scenario(s => { s.Post.Json(new { projection = DailyCounts }).ToUrl($"{Route}/rebuild"); s.ProblemShouldBe(403, code: "permission_denied"); });
        await reader.Scenario(s => { s.Post.Url($"{Route}/replay-dead-letters"); s.ProblemShouldBe(403, code: "permission_denied"); });
        await reader.Scenario(s => { s.Get.Url(Route); s.StatusCodeShouldBe(200); });
    }

    [Theory]
    [InlineData("no.such.model")]
    [InlineData("crm.daily\ncounts")]
    [InlineData("crm.daily_counts ")]
    public async Task a_name_that_is_not_a_read_model_is_a_404(string name)
    {
        var query = Uri.EscapeDataString(name);
        await host.Admin.Scenario(s => { s.Get.Url($"{Route}?name={query}"); s.ProblemShouldBe(404, code: "read_model_not_found"); });
        await host.Admin.Scenario(s => { s.Get.Url($"{Route}/dead-letters?projection={query}"); s.ProblemShouldBe(404, code: "read_model_not_found"); });
        await host.Admin.Scenario(s => { s.Post.Json(new { projection = name }).ToUrl($"{Route}/rebuild"); s.ProblemShouldBe(404, code: "read_model_not_found"); });
    }

    [Fact]
    public async Task a_missing_name_is_a_400_naming_it()
    {
        await host.Admin.Scenario(s => { s.Get.Url($"{Route}/dead-letters"); s.ProblemShouldBe(400, "projection", "projection_required"); });
        await host.Admin.Scenario(s => { s.Post.Json(new { }).ToUrl($"{Route}/rebuild"); s.ProblemShouldBe(400, "projection", "projection_required"); });
        await host.Admin.Scenario(s => { s.Post.Json(new { projection = " " }).ToUrl($"{Route}/rebuild"); s.ProblemShouldBe(400, "projection"); });
    }

    [Fact]
    public async Task a_rebuild_is_accepted_at_once_and_carried_out_by_the_leader()
    {
        await host.Admin.CreateLeadAsync();
        await host.CaughtUpAsync();
        var before = await RebuildsAsync();

        var accepted = await host.Admin.Scenario(s => { s.Post.Json(new { projection = DailyCounts }).ToUrl($"{Route}/rebuild"); s.StatusCodeShouldBe(202); });

        Assert.Equal($"{Route}?name={DailyCounts}", accepted.Header("Location"));
        Assert.Contains(accepted.Json().GetProperty("status").GetString(), new[] { "rebuild_requested", "rebuilding", "running" });
        await WaitUntilAsync(async () => await RebuildsAsync() > before
                                         && (await StateAsync()).GetProperty("status").GetString() == "running");
        await host.CaughtUpAsync();
        Assert.Equal(before + 1, await RebuildsAsync());
    }

    [Fact]
    public async Task dead_letters_are_listed_and_a_replay_rebuilds_the_read_models_that_have_them_resolving_those_that_now_apply()
    {
        await host.Admin.CreateLeadAsync();
        await host.CaughtUpAsync();
        var eventId = await PlantDeadLetterAsync(DailyCounts);

        var open = (await host.Admin.GetJsonAsync($"{Route}/dead-letters?projection={DailyCounts}")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((eventId, 3, "a bug since fixed"), (open.GetProperty("eventId").GetGuid(), open.GetProperty("attempts").GetInt32(),
            open.GetProperty("error").GetString()));
        Assert.Equal(JsonValueKind.Null, open.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(1L, (await StateAsync()).GetProperty("openDeadLetters").GetInt64());

        var replay = await host.Admin.Scenario(s => { s.Post.Url($"{Route}/replay-dead-letters"); s.StatusCodeShouldBe(202); });
        Assert.Equal([DailyCounts], replay.Json().GetProperty("rebuilding").EnumerateArray().Select(i => i.GetProperty("name").GetString()));

        await WaitUntilAsync(async () =>
            (await host.Admin.GetJsonAsync($"{Route}/dead-letters?projection={DailyCounts}")).GetProperty("items").GetArrayLength() == 0);
        var resolved = (await host.Admin.GetJsonAsync($"{Route}/dead-letters?projection={DailyCounts}&resolved=true")).GetProperty("items")
            .EnumerateArray().Single();
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("resolvedAt").ValueKind);
    }

    /// <summary>As if the read model had given up on the newest event: a dead letter with a multi-line error (only its first line shows).</summary>
    private async Task<Guid> PlantDeadLetterAsync(string projection)
    {
        await using var cmd = host.Database.DataSource.CreateCommand(
            """
            insert into es.projection_dead_letters (projection, tx_id, seq_id, event_id, stream_id, event_type, attempts, error)
            select @p, tx_id, seq_id, event_id, stream_id, event_type, 3, E'a bug since fixed\n   at Somewhere.Secret()'
              from es.events order by tx_id desc, seq_id desc limit 1
            returning event_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("p", projection));
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<JsonElement> StateAsync() =>
        (await host.Admin.GetJsonAsync($"{Route}?name={DailyCounts}")).GetProperty("items").EnumerateArray().Single();

    private async Task<int> RebuildsAsync()
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select rebuilds from es.projection_checkpoints where name = @n");
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", DailyCounts));
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(50);
        }
    }
}
