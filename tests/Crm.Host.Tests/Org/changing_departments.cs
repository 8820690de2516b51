using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class changing_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    /// <summary>Renames and expects the problem; answers it.</summary>
    private async Task<System.Text.Json.JsonElement> RenameRefusalAsync(Guid id, string name, int status, string? field = null, string? code = null,
        string? ifMatch = null) => (await Admin.Scenario(s =>
    {
        s.Patch.Json(new { name }).ToUrl($"{Route}/{id}");
        s.IfMatch(ifMatch);
        s.ProblemShouldBe(status, field, code);
    })).Json();

    private Task<Alba.IScenarioResult> MoveRefusalAsync(Guid id, Guid? parentId, int status, string? field = null, string? code = null) => Admin.Scenario(s =>
    {
        s.Post.Json(new { parentId }).ToUrl($"{Route}/{id}/move");
        s.ProblemShouldBe(status, field, code);
    });

    [Fact]
    public async Task a_rename_answers_the_new_state_and_the_next_etag()
    {
        var created = await Admin.CreateDepartmentAsync("Sales");
        var response = await Admin.RenameDepartmentAsync(created.Id(), "Revenue", "\"1\"");

        Assert.Equal(200, response.Status());
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("Revenue", response.Json().Name());
    }

    [Fact]
    public async Task a_rename_with_a_stale_if_match_is_a_412_and_writes_nothing()
    {
        var created = await Admin.CreateDepartmentAsync("Service");
        await Admin.RenameDepartmentAsync(created.Id(), "Customer service");
        var before = await host.EventCountAsync();

        await RenameRefusalAsync(created.Id(), "Care", 412, code: "stale_version", ifMatch: "\"1\"");

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    public async Task a_malformed_if_match_is_a_400(string ifMatch)
    {
        var created = await Admin.CreateDepartmentAsync("Facilities");
        await RenameRefusalAsync(created.Id(), "Buildings", 400, "If-Match", ifMatch: ifMatch);
    }

    [Fact]
    public async Task renaming_to_the_same_name_changes_nothing()
    {
        var created = await Admin.CreateDepartmentAsync("Security");
        var before = await host.EventCountAsync();
        var response = await Admin.RenameDepartmentAsync(created.Id(), " Security ");
        Assert.Equal(200, response.Status());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task renaming_an_unknown_department_is_a_404()
    {
        await RenameRefusalAsync(Guid.CreateVersion7(), "Ghost", 404);
    }

    [Fact]
    public async Task a_rename_to_a_name_over_100_characters_is_a_400()
    {
        var created = await Admin.CreateDepartmentAsync("Training");
        await RenameRefusalAsync(created.Id(), new string('t', 101), 400, "name");
    }

    [Fact]
    public async Task a_department_moves_under_another_and_back_to_the_top_level()
    {
        var parent = await Admin.CreateDepartmentAsync("Europe");
        var moving = await Admin.CreateDepartmentAsync("France");

        var under = await Admin.MoveDepartmentAsync(moving.Id(), parent.Id());
        Assert.Equal(parent.Id(), under.Json().ParentId());
        var top = await Admin.MoveDepartmentAsync(moving.Id(), null);
        Assert.Null(top.Json().ParentId());
        Assert.Equal("\"3\"", top.ETag());
    }

    [Fact]
    public async Task a_move_under_its_own_sub_department_is_a_409_cycle()
    {
        var top = await Admin.CreateDepartmentAsync("Americas");
        var middle = await Admin.CreateDepartmentAsync("USA", top.Id());
        var leaf = await Admin.CreateDepartmentAsync("Texas", middle.Id());

        await MoveRefusalAsync(top.Id(), leaf.Id(), 409, "parentId", "department_cycle");
    }

    [Fact]
    public async Task a_move_under_a_missing_parent_is_a_422()
    {
        var moving = await Admin.CreateDepartmentAsync("Asia");
        await MoveRefusalAsync(moving.Id(), Guid.CreateVersion7(), 422, "parentId");
    }

    [Fact]
    public async Task a_move_without_parent_id_is_a_400_naming_it()
    {
        var moving = await Admin.CreateDepartmentAsync("Africa");
        await Admin.RefusalAsync(HttpMethod.Post, $"{Route}/{moving.Id()}/move", "{}", 400, "parentId");
    }

    [Fact]
    public async Task moving_an_unknown_department_is_a_404()
    {
        await MoveRefusalAsync(Guid.CreateVersion7(), null, 404);
    }
}
