using System.Text.Json;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class managing_positions(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Positions = "/api/positions";

    private ApiCaller Admin => host.Admin;

    private Task<JsonElement> CreatePositionAsync(string name, Guid department, Guid? superior = null) =>
        Admin.CreatedAsync(Positions, new { name, departmentId = department, superiorPositionId = superior });

    private string SuperiorOf(Guid id) => $"{Positions}/{id}/superior";

    [Fact]
    public async Task positions_are_created_listed_by_department_edited_and_their_history_kept()
    {
        var sales = (await Admin.CreateDepartmentAsync("Sales")).Id();
        var east = (await Admin.CreateDepartmentAsync("East")).Id();
        var manager = await CreatePositionAsync("Manager", sales);
        var rep = await CreatePositionAsync("Rep", sales, manager.Id());
        Assert.Equal(manager.Id(), rep.GetProperty("superiorPositionId").GetGuid());

        var list = await Admin.GetJsonAsync($"{Positions}?departmentId={sales}");
        Assert.Equal(["Manager", "Rep"], list.GetProperty("items").EnumerateArray().Select(p => p.Name()));

        var edited = await Admin.ExpectAsync(HttpMethod.Patch, $"{Positions}/{rep.Id()}", new { name = "Senior rep", departmentId = east }, ifMatch: "\"1\"");
        Assert.Equal("\"3\"", edited.ETag());
        var history = await Admin.GetJsonAsync($"{Positions}/{rep.Id()}/history");
        Assert.Equal(["created", "renamed", "department-changed"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
        var asCreated = await Admin.GetJsonAsync($"{Positions}/{rep.Id()}?version=1");
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
        var department = (await Admin.CreateDepartmentAsync("Bad input " + Guid.NewGuid().ToString("N")[..6])).Id();
        body = body.Replace("DEPT", department.ToString(), StringComparison.Ordinal).Replace("LONG", new string('p', 101), StringComparison.Ordinal);
        var before = await host.EventCountAsync();

        await Admin.RefusalAsync(HttpMethod.Post, Positions, body, status, field);

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_superior_chain_cannot_be_closed_into_a_cycle()
    {
        var department = (await Admin.CreateDepartmentAsync("Cycles")).Id();
        var top = await CreatePositionAsync("Top", department);
        var middle = await CreatePositionAsync("Middle", department, top.Id());
        var bottom = await CreatePositionAsync("Bottom", department, middle.Id());

        await Admin.RefusalAsync(HttpMethod.Post, SuperiorOf(top.Id()), new { superiorPositionId = bottom.Id() }, 409, "superiorPositionId", "position_cycle");
        await Admin.RefusalAsync(HttpMethod.Post, SuperiorOf(top.Id()), new { superiorPositionId = top.Id() }, 409, "superiorPositionId");
        await Admin.RefusalAsync(HttpMethod.Post, SuperiorOf(top.Id()), new { superiorPositionId = Guid.CreateVersion7() }, 422, "superiorPositionId");
        await Admin.RefusalAsync(HttpMethod.Post, SuperiorOf(top.Id()), "{}", 400);
        await Admin.ExpectAsync(HttpMethod.Post, SuperiorOf(bottom.Id()), new { superiorPositionId = (Guid?)null });
    }

    [Fact]
    public async Task inserting_a_superior_puts_a_new_position_between_a_position_and_its_superior()
    {
        var department = (await Admin.CreateDepartmentAsync("Insert")).Id();
        var top = await CreatePositionAsync("Director", department);
        var rep = await CreatePositionAsync("Rep", department, top.Id());
        var insert = $"{Positions}/{rep.Id()}/insert-superior";

        var response = await Admin.ExpectAsync(HttpMethod.Post, insert, """{ "name": "Team lead" }""", 201, ifMatch: "\"1\"");

        var lead = response.Json();
        Assert.Equal((top.Id(), department), (lead.GetProperty("superiorPositionId").GetGuid(), lead.GetProperty("departmentId").GetGuid()));
        var repNow = await Admin.GetJsonAsync($"{Positions}/{rep.Id()}");
        Assert.Equal(lead.Id(), repNow.GetProperty("superiorPositionId").GetGuid());
        Assert.Equal("\"1\"", response.ETag());
        await Admin.RefusalAsync(HttpMethod.Post, insert, """{ "name": "Another" }""", 412, ifMatch: "\"1\"");
        await Admin.RefusalAsync(HttpMethod.Post, insert, """{ "name": "" }""", 400, "name");
    }

    [Fact]
    public async Task an_insert_retried_with_the_same_idempotency_key_answers_the_first_new_position()
    {
        var department = (await Admin.CreateDepartmentAsync("Insert retry")).Id();
        var rep = await CreatePositionAsync("Rep", department);
        var insert = $"{Positions}/{rep.Id()}/insert-superior";

        var first = await Admin.ExpectAsync(HttpMethod.Post, insert, """{ "name": "Lead" }""", 201, idempotencyKey: "insert-1");
        var again = await Admin.ExpectAsync(HttpMethod.Post, insert, """{ "name": "Lead" }""", 201, idempotencyKey: "insert-1");
        await Admin.RefusalAsync(HttpMethod.Post, insert, """{ "name": "Other" }""", 422, idempotencyKey: "insert-1");

        Assert.Equal(first.Json().Id(), again.Json().Id());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        var list = await Admin.GetJsonAsync($"{Positions}?departmentId={department}");
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_position_held_by_a_user_or_with_positions_under_it_is_not_deleted()
    {
        var department = (await Admin.CreateDepartmentAsync("Delete positions")).Id();
        var held = await CreatePositionAsync("Held", department);
        var boss = await CreatePositionAsync("Boss", department);
        var free = await CreatePositionAsync("Free", department, boss.Id());
        await Admin.CreatedAsync("/api/users",
            new { mobile = "13900000666", password = "some-password", displayName = "Zhao", departmentId = department, positionId = held.Id() });

        await Admin.RefusalAsync(HttpMethod.Delete, $"{Positions}/{held.Id()}", null, 409, code: "position_in_use");
        await Admin.RefusalAsync(HttpMethod.Delete, $"{Positions}/{boss.Id()}", null, 409, code: "position_has_subordinates");
        await Admin.ExpectAsync(HttpMethod.Delete, $"{Positions}/{free.Id()}", null, 204);
        await Admin.RefusalAsync(HttpMethod.Get, $"{Positions}/{free.Id()}", null, 404);
        await Admin.RefusalAsync(HttpMethod.Delete, $"{Positions}/{free.Id()}", null, 404);
    }

    [Fact]
    public async Task without_a_token_positions_answer_401()
    {
        await host.SignedOut.RefusalAsync(HttpMethod.Get, Positions, null, 401);
    }
}
