using System.Text.Json;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class managing_positions(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Positions = "/api/positions";

    private HttpClient Client => host.Client;

    private async Task<JsonElement> CreatePositionAsync(string name, Guid department, Guid? superior = null)
    {
        var response = await Client.SendJsonAsync(HttpMethod.Post, Positions,
            JsonSerializer.Serialize(new { name, departmentId = department, superiorPositionId = superior }, JsonSerializerOptions.Web));
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    private Task<HttpResponseMessage> SetSuperiorAsync(Guid id, Guid? superior) =>
        Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{id}/superior", JsonSerializer.Serialize(new { superiorPositionId = superior }, JsonSerializerOptions.Web));

    [Fact]
    public async Task positions_are_created_listed_by_department_edited_and_their_history_kept()
    {
        var sales = (await Client.CreateAsync("Sales")).Id();
        var east = (await Client.CreateAsync("East")).Id();
        var manager = await CreatePositionAsync("Manager", sales);
        var rep = await CreatePositionAsync("Rep", sales, manager.Id());
        Assert.Equal(manager.Id(), rep.GetProperty("superiorPositionId").GetGuid());

        var list = await (await Client.GetAsync($"{Positions}?departmentId={sales}")).JsonAsync();
        Assert.Equal(["Manager", "Rep"], list.GetProperty("items").EnumerateArray().Select(p => p.Name()));

        var edited = await Client.SendJsonAsync(HttpMethod.Patch, $"{Positions}/{rep.Id()}", JsonSerializer.Serialize(new { name = "Senior rep", departmentId = east }, JsonSerializerOptions.Web), ("If-Match", "\"1\""));
        Assert.Equal(200, (int)edited.StatusCode);
        Assert.Equal("\"3\"", edited.ETag());
        var history = await (await Client.GetAsync($"{Positions}/{rep.Id()}/history")).JsonAsync();
        Assert.Equal(["created", "renamed", "department-changed"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
        var asCreated = await (await Client.GetAsync($"{Positions}/{rep.Id()}?version=1")).JsonAsync();
        Assert.Equal("Rep", asCreated.Name());
    }

    [Theory]
    [InlineData("""{ "departmentId": "DEPT" }""", 400, "name")]
    [InlineData("""{ "name": "LONG", "departmentId": "DEPT" }""", 400, "name")]
    [InlineData("""{ "name": "No department" }""", 400, "departmentId")]
    [InlineData("""{ "name": "Unknown department", "departmentId": "0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d00" }""", 422, "departmentId")]
    [InlineData("""{ "name": "Unknown superior", "departmentId": "DEPT", "superiorPositionId": "0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d00" }""", 422, "superiorPositionId")]
    public async Task bad_input_is_refused_naming_the_field_and_writes_nothing(string body, int status, string field)
    {
        var department = (await Client.CreateAsync("Bad input " + Guid.NewGuid().ToString("N")[..6])).Id();
        body = body.Replace("DEPT", department.ToString(), StringComparison.Ordinal).Replace("LONG", new string('p', 101), StringComparison.Ordinal);
        var before = await host.EventCountAsync();

        await (await Client.SendJsonAsync(HttpMethod.Post, Positions, body)).AssertProblemAsync(status, field);

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_superior_chain_cannot_be_closed_into_a_cycle()
    {
        var department = (await Client.CreateAsync("Cycles")).Id();
        var top = await CreatePositionAsync("Top", department);
        var middle = await CreatePositionAsync("Middle", department, top.Id());
        var bottom = await CreatePositionAsync("Bottom", department, middle.Id());

        var problem = await (await SetSuperiorAsync(top.Id(), bottom.Id())).AssertProblemAsync(409, "superiorPositionId");
        Assert.Equal("position_cycle", problem.GetProperty("code").GetString());
        await (await SetSuperiorAsync(top.Id(), top.Id())).AssertProblemAsync(409, "superiorPositionId");
        await (await SetSuperiorAsync(top.Id(), Guid.CreateVersion7())).AssertProblemAsync(422, "superiorPositionId");
        await (await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{top.Id()}/superior", "{}")).AssertProblemAsync(400);
        Assert.Equal(200, (int)(await SetSuperiorAsync(bottom.Id(), null)).StatusCode);
    }

    [Fact]
    public async Task inserting_a_superior_puts_a_new_position_between_a_position_and_its_superior()
    {
        var department = (await Client.CreateAsync("Insert")).Id();
        var top = await CreatePositionAsync("Director", department);
        var rep = await CreatePositionAsync("Rep", department, top.Id());

        var response = await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{rep.Id()}/insert-superior", """{ "name": "Team lead" }""", ("If-Match", "\"1\""));

        Assert.Equal(201, (int)response.StatusCode);
        var lead = await response.JsonAsync();
        Assert.Equal((top.Id(), department), (lead.GetProperty("superiorPositionId").GetGuid(), lead.GetProperty("departmentId").GetGuid()));
        var repNow = await (await Client.GetAsync($"{Positions}/{rep.Id()}")).JsonAsync();
        Assert.Equal(lead.Id(), repNow.GetProperty("superiorPositionId").GetGuid());
        Assert.Equal("\"1\"", response.ETag());
        var stale = await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{rep.Id()}/insert-superior", """{ "name": "Another" }""", ("If-Match", "\"1\""));
        await stale.AssertProblemAsync(412);
        await (await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{rep.Id()}/insert-superior", """{ "name": "" }""")).AssertProblemAsync(400, "name");
    }

    [Fact]
    public async Task an_insert_retried_with_the_same_idempotency_key_answers_the_first_new_position()
    {
        var department = (await Client.CreateAsync("Insert retry")).Id();
        var rep = await CreatePositionAsync("Rep", department);

        var first = await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{rep.Id()}/insert-superior", """{ "name": "Lead" }""", ("Idempotency-Key", "insert-1"));
        var again = await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{rep.Id()}/insert-superior", """{ "name": "Lead" }""", ("Idempotency-Key", "insert-1"));
        var other = await Client.SendJsonAsync(HttpMethod.Post, $"{Positions}/{rep.Id()}/insert-superior", """{ "name": "Other" }""", ("Idempotency-Key", "insert-1"));

        Assert.Equal(201, (int)again.StatusCode);
        Assert.Equal((await first.JsonAsync()).Id(), (await again.JsonAsync()).Id());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        await other.AssertProblemAsync(422);
        var list = await (await Client.GetAsync($"{Positions}?departmentId={department}")).JsonAsync();
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_position_held_by_a_user_or_with_positions_under_it_is_not_deleted()
    {
        var department = (await Client.CreateAsync("Delete positions")).Id();
        var held = await CreatePositionAsync("Held", department);
        var boss = await CreatePositionAsync("Boss", department);
        var free = await CreatePositionAsync("Free", department, boss.Id());
        var user = await Client.SendJsonAsync(HttpMethod.Post, "/api/users", JsonSerializer.Serialize(
            new { mobile = "13900000666", password = "some-password", displayName = "Zhao", departmentId = department, positionId = held.Id() }, JsonSerializerOptions.Web));
        Assert.Equal(201, (int)user.StatusCode);

        Assert.Equal("position_in_use", (await (await Client.DeleteAsync($"{Positions}/{held.Id()}")).AssertProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal("position_has_subordinates", (await (await Client.DeleteAsync($"{Positions}/{boss.Id()}")).AssertProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(204, (int)(await Client.DeleteAsync($"{Positions}/{free.Id()}")).StatusCode);
        await (await Client.GetAsync($"{Positions}/{free.Id()}")).AssertProblemAsync(404);
        await (await Client.DeleteAsync($"{Positions}/{free.Id()}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task without_a_token_positions_answer_401()
    {
        await (await host.Anonymous.GetAsync(Positions)).AssertProblemAsync(401);
    }
}
