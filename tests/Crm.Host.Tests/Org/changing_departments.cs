using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class changing_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task a_rename_answers_the_new_state_and_the_next_etag()
    {
        var created = await Client.CreateAsync("Sales");
        var response = await Client.RenameAsync(created.Id(), "Revenue", "\"1\"");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("Revenue", (await response.JsonAsync()).Name());
    }

    [Fact]
    public async Task a_rename_with_a_stale_if_match_is_a_412_and_writes_nothing()
    {
        var created = await Client.CreateAsync("Service");
        await Client.RenameAsync(created.Id(), "Customer service");
        var before = await host.EventCountAsync();

        var response = await Client.RenameAsync(created.Id(), "Care", "\"1\"");

        var problem = await response.AssertProblemAsync(412);
        Assert.Equal("stale_version", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    public async Task a_malformed_if_match_is_a_400(string ifMatch)
    {
        var created = await Client.CreateAsync("Facilities");
        await (await Client.RenameAsync(created.Id(), "Buildings", ifMatch)).AssertProblemAsync(400, "If-Match");
    }

    [Fact]
    public async Task renaming_to_the_same_name_changes_nothing()
    {
        var created = await Client.CreateAsync("Security");
        var before = await host.EventCountAsync();
        var response = await Client.RenameAsync(created.Id(), " Security ");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task renaming_an_unknown_department_is_a_404()
    {
        await (await Client.RenameAsync(Guid.CreateVersion7(), "Ghost")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task a_rename_to_a_name_over_100_characters_is_a_400()
    {
        var created = await Client.CreateAsync("Training");
        await (await Client.RenameAsync(created.Id(), new string('t', 101))).AssertProblemAsync(400, "name");
    }

    [Fact]
    public async Task a_department_moves_under_another_and_back_to_the_top_level()
    {
        var parent = await Client.CreateAsync("Europe");
        var moving = await Client.CreateAsync("France");

        var under = await Client.MoveAsync(moving.Id(), parent.Id());
        Assert.Equal(parent.Id(), (await under.JsonAsync()).ParentId());
        var top = await Client.MoveAsync(moving.Id(), null);
        Assert.Null((await top.JsonAsync()).ParentId());
        Assert.Equal("\"3\"", top.ETag());
    }

    [Fact]
    public async Task a_move_under_its_own_sub_department_is_a_409_cycle()
    {
        var top = await Client.CreateAsync("Americas");
        var middle = await Client.CreateAsync("USA", top.Id());
        var leaf = await Client.CreateAsync("Texas", middle.Id());

        var problem = await (await Client.MoveAsync(top.Id(), leaf.Id())).AssertProblemAsync(409, "parentId");
        Assert.Equal("department_cycle", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_move_under_a_missing_parent_is_a_422()
    {
        var moving = await Client.CreateAsync("Asia");
        await (await Client.MoveAsync(moving.Id(), Guid.CreateVersion7())).AssertProblemAsync(422, "parentId");
    }

    [Fact]
    public async Task a_move_without_parent_id_is_a_400_naming_it()
    {
        var moving = await Client.CreateAsync("Africa");
        await (await Client.SendJsonAsync(HttpMethod.Post, $"{Route}/{moving.Id()}/move", "{}")).AssertProblemAsync(400, "parentId");
    }

    [Fact]
    public async Task moving_an_unknown_department_is_a_404()
    {
        await (await Client.MoveAsync(Guid.CreateVersion7(), null)).AssertProblemAsync(404);
    }
}
