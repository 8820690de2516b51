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
    public void the_projection_handles_every_position_event()
    {
        var handled = new PositionsProjection().EventTypes;
        var positionEvents = Events.EventCatalogue.All.Where(e => e.Name.StartsWith("position.", StringComparison.Ordinal)).Select(e => e.Type);
        Assert.Empty(positionEvents.Except(handled));
    }
}
