using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class concurrent_org_changes(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    /// <summary>Sends a write and answers its result whatever the status (the races decide it).</summary>
    private Task<Alba.IScenarioResult> PostAsync(string url, object body) => Admin.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    private async Task<Guid> PositionAsync(string name, Guid department) =>
        (await Admin.Scenario(s =>
        {
            s.Post.Json(new { name, departmentId = department }).ToUrl("/api/positions");
            s.StatusCodeShouldBe(201);
        })).Json().Id();

    [Fact]
    public async Task roles_created_at_once_with_the_same_name_let_exactly_one_through()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            PostAsync("/api/roles", new { name = "Same name", permissions = Array.Empty<string>(), dataScope = "self" })));

        Assert.Single(responses, r => r.Status() == 201);
        Assert.All(responses.Where(r => r.Status() != 201), r => Assert.Equal(409, r.Status()));
    }

    [Fact]
    public async Task two_positions_made_superiors_of_each_other_at_once_cannot_close_a_cycle()
    {
        var department = (await Admin.CreateDepartmentAsync("Position races")).Id();
        for (var round = 0; round < 4; round++)
        {
            var a = await PositionAsync($"A{round}", department);
            var b = await PositionAsync($"B{round}", department);

            var responses = await Task.WhenAll(
                PostAsync($"/api/positions/{a}/superior", new { superiorPositionId = b }),
                PostAsync($"/api/positions/{b}/superior", new { superiorPositionId = a }));

            Assert.Single(responses, r => r.Status() == 200);
            Assert.Single(responses, r => r.Status() == 409);
        }
    }

    [Fact]
    public async Task a_department_deleted_while_a_sub_department_is_created_under_it_ends_consistent()
    {
        for (var round = 0; round < 4; round++)
        {
            var parent = (await Admin.CreateDepartmentAsync($"Racing parent {round}")).Id();

            var responses = await Task.WhenAll(
                Admin.Scenario(s =>
                {
                    s.Delete.Url($"{Route}/{parent}");
                    s.IgnoreStatusCode();
                }),
                PostAsync(Route, new { name = $"Racing child {round}", parentId = parent }));

            var deleted = responses[0].Status() == 204;
            var childCreated = responses[1].Status() == 201;
            // Exactly one wins: either the parent is gone and nothing was created under it, or the child exists and the parent stayed.
            Assert.True(deleted ^ childCreated, $"delete {responses[0].Status()}, create {responses[1].Status()}");
        }
    }
}
