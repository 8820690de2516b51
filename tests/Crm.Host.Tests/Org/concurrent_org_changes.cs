using System.Text.Json;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class concurrent_org_changes(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    [Fact]
    public async Task roles_created_at_once_with_the_same_name_let_exactly_one_through()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Client.SendJsonAsync(HttpMethod.Post, "/api/roles", """{ "name": "Same name", "permissions": [], "dataScope": "self" }""")));

        Assert.Single(responses, r => (int)r.StatusCode == 201);
        Assert.All(responses.Where(r => (int)r.StatusCode != 201), r => Assert.Equal(409, (int)r.StatusCode));
    }

    [Fact]
    public async Task two_positions_made_superiors_of_each_other_at_once_cannot_close_a_cycle()
    {
        var department = (await Client.CreateAsync("Position races")).Id();
        for (var round = 0; round < 4; round++)
        {
            var a = (await (await Client.SendJsonAsync(HttpMethod.Post, "/api/positions", Json(new { name = $"A{round}", departmentId = department }))).JsonAsync()).Id();
            var b = (await (await Client.SendJsonAsync(HttpMethod.Post, "/api/positions", Json(new { name = $"B{round}", departmentId = department }))).JsonAsync()).Id();

            var responses = await Task.WhenAll(
                Client.SendJsonAsync(HttpMethod.Post, $"/api/positions/{a}/superior", Json(new { superiorPositionId = b })),
                Client.SendJsonAsync(HttpMethod.Post, $"/api/positions/{b}/superior", Json(new { superiorPositionId = a })));

            Assert.Single(responses, r => (int)r.StatusCode == 200);
            Assert.Single(responses, r => (int)r.StatusCode == 409);
        }
    }

    [Fact]
    public async Task a_department_deleted_while_a_sub_department_is_created_under_it_ends_consistent()
    {
        for (var round = 0; round < 4; round++)
        {
            var parent = (await Client.CreateAsync($"Racing parent {round}")).Id();

            var responses = await Task.WhenAll(
                Client.DeleteAsync($"{Route}/{parent}"),
                Client.SendJsonAsync(HttpMethod.Post, Route, Json(new { name = $"Racing child {round}", parentId = parent })));

            var deleted = (int)responses[0].StatusCode == 204;
            var childCreated = (int)responses[1].StatusCode == 201;
            // Exactly one wins: either the parent is gone and nothing was created under it, or the child exists and the parent stayed.
            Assert.True(deleted ^ childCreated, $"delete {(int)responses[0].StatusCode}, create {(int)responses[1].StatusCode}");
        }
    }
}
