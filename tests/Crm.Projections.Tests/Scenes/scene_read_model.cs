using Crm.Events;
using Crm.Events.Scenes;
using Crm.EventStore.Daemon;
using Crm.Projections.Customers;
using Crm.Projections.Scenes;
using Crm.Projections.Tests.Customers;

namespace Crm.Projections.Tests.Scenes;

public sealed class scene_read_model(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private SceneQueries Scenes => new(db.Database.DataSource);

    [Fact]
    public async Task the_default_moves_between_scenes_in_one_append_whatever_the_order_of_the_streams()
    {
        var owner = Guid.CreateVersion7();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(a, "scene", new SceneCreated(a, owner, "leads", "A", null, "-updatedAt", null, 0), new SceneMadeDefault(a, null));
        await db.AppendAsync(b, "scene", new SceneCreated(b, owner, "leads", "B", null, "-updatedAt", null, 1));

        await db.AppendManyAsync((b, "scene", [new SceneMadeDefault(b, a)]), (a, "scene", [new SceneDefaultCleared(a, b)]));

        var rows = await Scenes.OfOwnerAsync(owner, "leads");
        Assert.Equal([(a, false), (b, true)], rows.Select(r => (r.Id, r.IsDefault)));
    }

    [Fact]
    public async Task two_scenes_can_swap_names_in_one_append_and_a_deleted_scene_leaves_no_row()
    {
        var owner = Guid.CreateVersion7();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(a, "scene", new SceneCreated(a, owner, "customers", "X", """{"and":[]}""", "name", "acme", 0));
        await db.AppendAsync(b, "scene", new SceneCreated(b, owner, "customers", "Y", null, "name", null, 1));

        await db.AppendManyAsync((a, "scene", [new SceneRenamed(a, "X", "Y")]), (b, "scene", [new SceneRenamed(b, "Y", "X")]));
        await db.AppendAsync(b, "scene", new SceneDeleted(b, "X"));

        var row = Assert.Single(await Scenes.OfOwnerAsync(owner, "customers"));
        Assert.Equal((a, "Y", "acme", 2L), (row.Id, row.Name, row.Q, row.Version));
        Assert.Null(await Scenes.GetAsync(b));
    }

    [Fact]
    public async Task the_scenes_table_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var owner = Guid.CreateVersion7();
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            await db.AppendAsync(id, "scene", new SceneCreated(id, owner, "leads", "Scene " + i, null, "-updatedAt", null, i));
        for (var i = 1; i < ids.Count; i++)
            await db.AppendManyAsync((ids[i - 1], "scene", [new SceneDefaultCleared(ids[i - 1], ids[i])]), (ids[i], "scene", [new SceneMadeDefault(ids[i], ids[i - 1])]));
        await db.AppendAsync(ids[0], "scene", new SceneFilterChanged(ids[0], [new FieldChange("sort", "-updatedAt", "name"), new FieldChange("order", "0", "9")]));
        var before = await SnapshotAsync();

        var projection = CrmProjections.Inline().Single(p => p.Name == "crm.scenes");
        await using var daemon = new ProjectionDaemon(db.Store, [projection], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync(projection.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
        Assert.Contains(before, r => r.Contains("\"is_default\":true", StringComparison.Ordinal));
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand("select row_to_json(t)::text from crm.scenes t order by row_to_json(t)::text");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
