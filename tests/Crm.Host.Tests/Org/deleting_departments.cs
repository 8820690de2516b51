using Microsoft.Extensions.DependencyInjection;
using Crm.Host.Org;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class deleting_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    private Task<Alba.IScenarioResult> DeleteAsync(Guid id, Action<Alba.Scenario> expect) => Admin.Scenario(s =>
    {
        s.Delete.Url($"{Route}/{id}");
        expect(s);
    });

    [Fact]
    public async Task an_empty_department_is_deleted_leaves_the_tree_and_keeps_its_history()
    {
        var id = (await Admin.CreateDepartmentAsync("Temporary")).Id();

        var deleted = await DeleteAsync(id, s => s.StatusCodeShouldBe(204));

        Assert.Equal("\"2\"", deleted.ETag());
        await Admin.Scenario(s => { s.Get.Url($"{Route}/{id}"); s.ProblemShouldBe(404); });
        await Admin.Scenario(s => s.Get.Url($"{Route}/{id}?version=1"));
        var history = await Admin.GetJsonAsync($"{Route}/{id}/history");
        Assert.Equal("deleted", history.GetProperty("items")[1].GetProperty("action").GetString());
        await DeleteAsync(id, s => s.ProblemShouldBe(404));
        await Admin.Scenario(s => { s.Patch.Json(new { name = "Back" }).ToUrl($"{Route}/{id}"); s.ProblemShouldBe(404); });
    }

    [Fact]
    public async Task a_department_with_a_sub_department_a_position_or_a_user_is_a_409_and_nothing_is_written()
    {
        var withChild = await Admin.CreateDepartmentAsync("Parent");
        await Admin.CreateDepartmentAsync("Child", withChild.Id());
        var withPosition = await Admin.CreateDepartmentAsync("Has position");
        await Admin.Scenario(s =>
        {
            s.Post.Json(new { name = "Clerk", departmentId = withPosition.Id() }).ToUrl("/api/positions");
            s.StatusCodeShouldBe(201);
        });
        var withUser = await Admin.CreateDepartmentAsync("Has user");
        await Admin.Scenario(s =>
        {
            s.Post.Json(new { mobile = "13900000555", password = "some-password", displayName = "Wang", departmentId = withUser.Id() }).ToUrl("/api/users");
            s.StatusCodeShouldBe(201);
        });
        var before = await host.EventCountAsync();

        foreach (var id in new[] { withChild.Id(), withPosition.Id(), withUser.Id() })
            await DeleteAsync(id, s => s.ProblemShouldBe(409, code: "department_not_empty"));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task nothing_can_be_created_under_a_deleted_department()
    {
        var department = await Admin.CreateDepartmentAsync("Gone soon");
        await DeleteAsync(department.Id(), s => s.StatusCodeShouldBe(204));

        await Admin.Scenario(s =>
        {
            s.Post.Json(new { name = "Orphan", parentId = department.Id() }).ToUrl(Route);
            s.ProblemShouldBe(422, "parentId");
        });
        await Admin.Scenario(s =>
        {
            s.Post.Json(new { name = "Orphan", departmentId = department.Id() }).ToUrl("/api/positions");
            s.ProblemShouldBe(422, "departmentId");
        });
    }

    [Fact]
    public async Task the_office_exists_once_after_start_and_can_be_renamed()
    {
        var office = await Admin.GetJsonAsync($"{Route}/{DefaultDepartment.OfficeId}");
        Assert.Equal("Office", office.Name());
        Assert.Null(office.ParentId());

        // A second start (or a second host starting at the same time) does not create it again.
        var departments = host.Services.GetRequiredService<Write.Org.DepartmentHandler>();
        Assert.False(await DefaultDepartment.EnsureAsync(departments, default));
        Assert.Equal(200, (await Admin.RenameDepartmentAsync(DefaultDepartment.OfficeId, "办公室")).Status());
        Assert.False(await DefaultDepartment.EnsureAsync(departments, default));
        var renamed = await Admin.GetJsonAsync($"{Route}/{DefaultDepartment.OfficeId}");
        Assert.Equal("办公室", renamed.Name());
    }

    [Fact]
    public async Task concurrent_first_starts_create_the_office_exactly_once()
    {
        await using var db = await Testing.TestDatabase.CreateAsync(Projections.ReadModelMigrations.All);
        var store = new EventStore.EventStore(db.DataSource, Projections.CrmEventTypes.CreateRegistry(), Projections.CrmProjections.Inline());
        var departments = new Write.Org.DepartmentHandler(new Write.CommandHandler(store), db.DataSource, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => DefaultDepartment.EnsureAsync(departments, default)));

        Assert.Single(results, created => created);
        Assert.Single(await store.ReadStreamAsync(DefaultDepartment.OfficeId));
    }
}
