using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Pipelines;
using Crm.Projections.Sales;

namespace Crm.Projections.Tests.Pipelines;

public sealed class pipeline_read_model(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static IReadOnlyList<PipelineStage> Stages(decimal firstRate) =>
    [
        new(Guid.CreateVersion7(), "Initial contact", firstRate, StageOutcome.Open), new(Guid.CreateVersion7(), "Won", 100m, StageOutcome.Won),
        new(Guid.CreateVersion7(), "Lost", 0m, StageOutcome.Lost),
    ];

    [Fact]
    public async Task the_row_follows_the_stream_pipeline_facts_read_it_and_a_rebuild_gives_the_same_rows()
    {
        var (a, b, c) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync("pipeline", a, 0, new PipelineCreated(a, "Standard", Stages(10m), true));
        await db.AppendAsync("pipeline", b, 0, new PipelineCreated(b, "Key accounts", Stages(20m), false), new PipelineRenamed(b, "Key", "Key accounts"));
        var changed = Stages(12.5m);
        await db.AppendAsync("pipeline", b, 2, new PipelineStagesChanged(b, changed, Stages(20m)));
        await db.Store.AppendAsync([
            new StreamAppend(a, "pipeline", ExpectedVersion.Exactly(1), [new PipelineDefaultCleared(a)]),
            new StreamAppend(b, "pipeline", ExpectedVersion.Exactly(3), [new PipelineMadeDefault(b)]),
        ]);
        await db.AppendAsync("pipeline", c, 0, new PipelineCreated(c, "Gone", Stages(5m), false), new PipelineDeleted(c));

        var facts = new PipelineFacts(db.Database.DataSource);
        var byDefault = await facts.DefaultAsync();
        Assert.Equal(b, byDefault!.Id);
        Assert.Equal(changed, byDefault.Stages);
        Assert.False((await facts.ReadAsync(a))!.IsDefault);
        Assert.Null(await facts.ReadAsync(c));
        var row = await new PipelineQueries(db.Database.DataSource).GetAsync(b);
        Assert.Equal(("Key", 4L), (row!.Name, row.Version));

        var before = await SnapshotAsync();
        Assert.Contains(before, r => r.Contains("12.5", StringComparison.Ordinal));
        var projection = CrmProjections.Inline().Single(p => p.Name == "crm.pipelines");
        await using var daemon = new ProjectionDaemon(db.Store, [projection], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync(projection.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand("select row_to_json(t)::text from crm.pipelines t order by id");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
