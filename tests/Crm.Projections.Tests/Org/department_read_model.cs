using Crm.Events.Org;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

public sealed class department_read_model(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    [Fact]
    public async Task a_created_department_is_readable_right_after_the_append()
    {
        var id = Guid.CreateVersion7();
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "Sales", null));

        var row = await db.Departments.GetAsync(id);

        Assert.NotNull(row);
        Assert.Equal(("Sales", (Guid?)null, 1L), (row.Name, row.ParentId, row.Version));
        Assert.Equal(row.CreatedAt, row.UpdatedAt);
    }

    [Fact]
    public async Task renames_and_moves_update_the_row_and_its_version()
    {
        var parent = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        await db.AppendAsync(parent, 0, new DepartmentCreated(parent, "Head office", null));
        await db.AppendAsync(id, 0, new DepartmentCreated(id, "East", null));
        await db.AppendAsync(id, 1, new DepartmentRenamed(id, "East coast", "East"));
        await db.AppendAsync(id, 2, new DepartmentMoved(id, parent, null));

        var row = await db.Departments.GetAsync(id);

        Assert.NotNull(row);
        Assert.Equal(("East coast", (Guid?)parent, 3L), (row.Name, row.ParentId, row.Version));
        Assert.True(row.UpdatedAt >= row.CreatedAt);
    }

    [Fact]
    public async Task an_unknown_department_reads_as_null()
    {
        Assert.Null(await db.Departments.GetAsync(Guid.CreateVersion7()));
        Assert.Null(await db.Departments.AncestryAsync(Guid.CreateVersion7()));
    }

    [Fact]
    public async Task ancestry_walks_from_the_department_up_to_the_top_level()
    {
        var (top, middle, leaf) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(top, 0, new DepartmentCreated(top, "Top", null));
        await db.AppendAsync(middle, 0, new DepartmentCreated(middle, "Middle", top));
        await db.AppendAsync(leaf, 0, new DepartmentCreated(leaf, "Leaf", middle));

        Assert.Equal([leaf, middle, top], await db.Departments.AncestryAsync(leaf));
        Assert.Equal([top], await db.Departments.AncestryAsync(top));
    }

    [Fact]
    public void the_projection_handles_every_department_event()
    {
        var handled = new DepartmentsProjection().EventTypes;
        var departmentEvents = Events.EventCatalogue.All.Where(e => e.Name.StartsWith("department.", StringComparison.Ordinal)).Select(e => e.Type);
        Assert.Empty(departmentEvents.Except(handled));
    }
}
