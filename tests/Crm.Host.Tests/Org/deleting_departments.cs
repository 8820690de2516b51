using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Crm.Host.Org;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class deleting_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task an_empty_department_is_deleted_leaves_the_tree_and_keeps_its_history()
    {
        var department = await Client.CreateAsync("Temporary");
        var id = department.Id();

        var response = await Client.DeleteAsync($"{Route}/{id}");

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("\"2\"", response.ETag());
        await (await Client.GetAsync($"{Route}/{id}")).AssertProblemAsync(404);
        Assert.Equal(200, (int)(await Client.GetAsync($"{Route}/{id}?version=1")).StatusCode);
        var history = await (await Client.GetAsync($"{Route}/{id}/history")).JsonAsync();
        Assert.Equal("deleted", history.GetProperty("items")[1].GetProperty("action").GetString());
        await (await Client.DeleteAsync($"{Route}/{id}")).AssertProblemAsync(404);
        await (await Client.RenameAsync(id, "Back")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task a_department_with_a_sub_department_a_position_or_a_user_is_a_409_and_nothing_is_written()
    {
        var withChild = await Client.CreateAsync("Parent");
        await Client.CreateAsync("Child", withChild.Id());
        var withPosition = await Client.CreateAsync("Has position");
        var created = await Client.SendJsonAsync(HttpMethod.Post, "/api/positions", JsonSerializer.Serialize(new { name = "Clerk", departmentId = withPosition.Id() }, JsonSerializerOptions.Web));
        Assert.Equal(201, (int)created.StatusCode);
        var withUser = await Client.CreateAsync("Has user");
        var user = await Client.SendJsonAsync(HttpMethod.Post, "/api/users", JsonSerializer.Serialize(
            new { mobile = "13900000555", password = "some-password", displayName = "Wang", departmentId = withUser.Id() }, JsonSerializerOptions.Web));
        Assert.Equal(201, (int)user.StatusCode);
        var before = await host.EventCountAsync();

        foreach (var id in new[] { withChild.Id(), withPosition.Id(), withUser.Id() })
        {
            var problem = await (await Client.DeleteAsync($"{Route}/{id}")).AssertProblemAsync(409);
            Assert.Equal("department_not_empty", problem.GetProperty("code").GetString());
        }
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task nothing_can_be_created_under_a_deleted_department()
    {
        var department = await Client.CreateAsync("Gone soon");
        await Client.DeleteAsync($"{Route}/{department.Id()}");

        var child = await Client.SendJsonAsync(HttpMethod.Post, Route, JsonSerializer.Serialize(new { name = "Orphan", parentId = department.Id() }, JsonSerializerOptions.Web));
        await child.AssertProblemAsync(422, "parentId");
        var position = await Client.SendJsonAsync(HttpMethod.Post, "/api/positions", JsonSerializer.Serialize(new { name = "Orphan", departmentId = department.Id() }, JsonSerializerOptions.Web));
        await position.AssertProblemAsync(422, "departmentId");
    }

    [Fact]
    public async Task the_office_exists_once_after_start_and_can_be_renamed()
    {
        var office = await (await Client.GetAsync($"{Route}/{DefaultDepartment.OfficeId}")).JsonAsync();
        Assert.Equal("Office", office.Name());
        Assert.Null(office.ParentId());

        // A second start (or a second host starting at the same time) does not create it again.
        Assert.False(await DefaultDepartment.EnsureAsync(host.Factory.Services.GetRequiredService<Write.Org.DepartmentHandler>(), default));
        Assert.Equal(200, (int)(await Client.RenameAsync(DefaultDepartment.OfficeId, "办公室")).StatusCode);
        Assert.False(await DefaultDepartment.EnsureAsync(host.Factory.Services.GetRequiredService<Write.Org.DepartmentHandler>(), default));
        var renamed = await (await Client.GetAsync($"{Route}/{DefaultDepartment.OfficeId}")).JsonAsync();
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
