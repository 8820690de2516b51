using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

public sealed class department_time_travel_and_history(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    [Fact]
    public async Task a_past_version_shows_the_department_as_it_was()
    {
        var id = Guid.CreateVersion7();
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "Sales", null));
        await db.AppendAsync(id, 1, new DepartmentRenamed(id, "Revenue", "Sales"));

        var first = await db.Departments.GetAsOfAsync(id, 1, null);
        var now = await db.Departments.GetAsync(id);

        Assert.Equal(("Sales", 1L), (first!.Name, first.Version));
        Assert.Equal(now, await db.Departments.GetAsOfAsync(id, null, null));
    }

    [Fact]
    public async Task a_moment_before_the_department_existed_reads_as_null()
    {
        var id = Guid.CreateVersion7();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "Sales", null));

        Assert.Null(await db.Departments.GetAsOfAsync(id, null, before));
        Assert.NotNull(await db.Departments.GetAsOfAsync(id, null, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task history_lists_each_change_with_old_and_new_values_and_who_made_it()
    {
        var (id, parent, actor) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(parent, 0, new DepartmentCreated(parent, "Head office", null));
        await db.Store.AppendAsync(StreamAppend.Start(id, "department", new DepartmentCreated(id, "Sales", null)),
            new AppendOptions { Metadata = new EventMetadata(actor, "corr-1", "req-1", "req-1") });
        await db.AppendAsync(id, 1, new DepartmentRenamed(id, "Revenue", "Sales"));
        await db.AppendAsync(id, 2, new DepartmentMoved(id, parent, null));

        var history = DepartmentHistory.Of(await db.Store.ReadStreamAsync(id));

        Assert.Equal(["created", "renamed", "moved"], history.Select(h => h.Action));
        Assert.Equal([1L, 2L, 3L], history.Select(h => h.Version));
        Assert.Equal((actor, "req-1"), (history[0].ActorId!.Value, history[0].RequestId!));
        Assert.Equal(new FieldChange("name", "Sales", "Revenue"), history[1].Changes.Single());
        Assert.Equal(new FieldChange("parentId", null, parent.ToString()), history[2].Changes.Single());
    }
}
