using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

public sealed class position_read_model(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private PositionQueries Positions => new(db.Database.DataSource, db.Store);

    private async Task AppendAsync(Guid id, params object[] events) =>
        await db.Store.AppendAsync(new StreamAppend(id, "position", ExpectedVersion.Any, events));

    [Fact]
    public async Task positions_follow_their_events_and_a_deleted_one_leaves_the_table()
    {
        var (department, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (boss, rep) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await AppendAsync(boss, new PositionCreated(boss, "Boss", department, null));
        await AppendAsync(rep, new PositionCreated(rep, "Rep", department, boss), new PositionRenamed(rep, "Senior rep", "Rep"));

        var row = await Positions.GetAsync(rep);
        Assert.NotNull(row);
        Assert.Equal(("Senior rep", department, (Guid?)boss, 2L), (row.Name, row.DepartmentId, row.SuperiorPositionId, row.Version));
        Assert.Equal([rep, boss], await Positions.SuperiorChainAsync(rep));
        Assert.Equal((0, 1), await Positions.UsageAsync(boss));
        Assert.Equal((0, 0, 2), await Positions.DepartmentContentsAsync(department));

        await AppendAsync(rep, new PositionDepartmentChanged(rep, other, department), new PositionSuperiorChanged(rep, null, boss));
        Assert.Equal((0, 0, 1), await Positions.DepartmentContentsAsync(department));
        Assert.Equal([rep], (await Positions.ListAsync(other, 10, null)).Items.Select(p => p.Id));

        await AppendAsync(rep, new PositionDeleted(rep, "Senior rep", other));
        Assert.Null(await Positions.GetAsync(rep));
        Assert.NotNull(await Positions.GetAsOfAsync(rep, 4, null));
        Assert.Null(await Positions.GetAsOfAsync(rep, 5, null));
    }

    [Fact]
    public async Task every_position_event_folds_into_the_row_as_the_event_says()
    {
        var (department, other, superior) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await AppendAsync(superior, new PositionCreated(superior, "Superior", department, null));
        // One of each event after the creation, each applied to a fresh position, with the row it must leave (null: gone).
        var changes = new Dictionary<Type, Func<PositionRow, (object Event, PositionRow? Expected)>>
        {
            [typeof(PositionRenamed)] = b => (new PositionRenamed(b.Id, "After", b.Name), b with { Name = "After" }),
            [typeof(PositionDepartmentChanged)] = b => (new PositionDepartmentChanged(b.Id, other, b.DepartmentId), b with { DepartmentId = other }),
            [typeof(PositionSuperiorChanged)] = b => (new PositionSuperiorChanged(b.Id, superior, null), b with { SuperiorPositionId = superior }),
            [typeof(PositionDeleted)] = b => (new PositionDeleted(b.Id, b.Name, b.DepartmentId), null),
        };
        var catalogued = Events.EventCatalogue.All.Where(e => e.Name.StartsWith("position.", StringComparison.Ordinal)).Select(e => e.Type);
        Assert.Equal(catalogued.Order(TypeByName).ToArray(), changes.Keys.Append(typeof(PositionCreated)).Order(TypeByName).ToArray());

        foreach (var (type, change) in changes)
        {
            var id = Guid.CreateVersion7();
            await AppendAsync(id, new PositionCreated(id, "Before", department, null));
            var before = await Positions.GetAsync(id);
            Assert.NotNull(before);
            Assert.Equal(("Before", department, (Guid?)null, 1L), (before.Name, before.DepartmentId, before.SuperiorPositionId, before.Version));
            var (e, expected) = change(before);

            await AppendAsync(id, e);

            var row = await Positions.GetAsync(id);
            if (expected is null)
            {
                Assert.Null(row);
                continue;
            }
            Assert.NotNull(row);
            Assert.Equal(expected with { Version = 2, UpdatedAt = row.UpdatedAt }, row);
            Assert.True(row.UpdatedAt > before.UpdatedAt, $"{type.Name} left updated_at as it was");
        }
    }

    private static readonly Comparer<Type> TypeByName = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));
}
