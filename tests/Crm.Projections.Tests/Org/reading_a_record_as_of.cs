using Crm.Events.Org;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

/// <summary>The one "as of" reader every time-travel read and command read-back goes through (RecordAsOf).</summary>
public sealed class reading_a_record_as_of(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    [Fact]
    public async Task a_version_or_moment_folds_the_stream_prefix_with_the_read_models_own_fold()
    {
        var id = Guid.CreateVersion7();
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "Sales", null));
        await db.AppendAsync(id, 1, new DepartmentRenamed(id, "Revenue", "Sales"));

        var first = await db.Store.ReadAsOfAsync<DepartmentRow>(id, 1, null, DepartmentRow.Evolve);
        var latest = await db.Store.ReadAsOfAsync<DepartmentRow>(id, null, DateTimeOffset.UtcNow.AddMinutes(1), DepartmentRow.Evolve);

        Assert.Equal(("Sales", 1L), (first!.Name, first.Version));
        Assert.Equal(await db.Departments.GetAsync(id), latest);
    }

    [Fact]
    public async Task a_version_the_stream_never_reached_is_not_found_rather_than_the_latest_row()
    {
        var id = Guid.CreateVersion7();
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "Sales", null));

        Assert.Null(await db.Store.ReadAsOfAsync<DepartmentRow>(id, 2, null, DepartmentRow.Evolve));
        Assert.Null(await db.Departments.GetAsOfAsync(id, 2, null));
    }

    [Fact]
    public async Task no_stream_a_moment_before_it_and_a_deleted_record_are_not_found()
    {
        var id = Guid.CreateVersion7();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "Sales", null));
        await db.AppendAsync(id, 1, new DepartmentDeleted(id, "Sales", null));

        Assert.Null(await db.Store.ReadAsOfAsync<DepartmentRow>(Guid.CreateVersion7(), null, null, DepartmentRow.Evolve));
        Assert.Null(await db.Store.ReadAsOfAsync<DepartmentRow>(id, null, before, DepartmentRow.Evolve));
        Assert.Null(await db.Store.ReadAsOfAsync<DepartmentRow>(id, 2, null, DepartmentRow.Evolve));
        Assert.Equal("Sales", (await db.Store.ReadAsOfAsync<DepartmentRow>(id, 1, null, DepartmentRow.Evolve))!.Name);
    }
}
