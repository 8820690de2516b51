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
    public async Task every_department_event_folds_into_the_row_as_the_event_says()
    {
        var parent = Guid.CreateVersion7();
        await db.AppendAsync(parent, 0, new DepartmentCreated(parent, "Parent", null));
        // One of each event after the creation, applied to a fresh "Before" department at the top level.
        var changes = new Dictionary<Type, (Func<Guid, object> Event, Action<DepartmentRow?> Then)>
        {
            [typeof(DepartmentRenamed)] = (id => new DepartmentRenamed(id, "After", "Before"), row =>
                Assert.Equal(("After", (Guid?)null, 2L), (row!.Name, row.ParentId, row.Version))),
            [typeof(DepartmentMoved)] = (id => new DepartmentMoved(id, parent, null), row =>
                Assert.Equal(("Before", (Guid?)parent, 2L), (row!.Name, row.ParentId, row.Version))),
            [typeof(DepartmentDeleted)] = (id => new DepartmentDeleted(id, "Before", null), row => Assert.Null(row)),
        };
        var catalogued = Events.EventCatalogue.All.Where(e => e.Name.StartsWith("department.", StringComparison.Ordinal)).Select(e => e.Type);
        Assert.Equal(catalogued.Order(TypeByName).ToArray(), changes.Keys.Append(typeof(DepartmentCreated)).Order(TypeByName).ToArray());

        foreach (var (type, (change, then)) in changes)
        {
            var id = Guid.CreateVersion7();
            await db.AppendAsync(id, 0, new DepartmentCreated(id, "Before", null));
            var before = await db.Departments.GetAsync(id);
            Assert.NotNull(before);
            Assert.Equal(("Before", (Guid?)null, 1L), (before.Name, before.ParentId, before.Version));

            await db.AppendAsync(id, 1, change(id));

            var row = await db.Departments.GetAsync(id);
            then(row);
            if (row is not null)
                Assert.True(row.UpdatedAt > before.UpdatedAt && row.CreatedAt == before.CreatedAt, $"{type.Name} left the timestamps as they were");
        }
    }

    private static readonly Comparer<Type> TypeByName = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));
}
