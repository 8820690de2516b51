using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Funnel;

namespace Crm.Projections.Tests.Funnel;

/// <summary>The funnel projection fed by opportunity events appended through the event store, read back by the funnel query.</summary>
public sealed class funnel_figures(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly Guid PipelineId = Guid.CreateVersion7();
    private readonly (Guid A, Guid B) Owners = (Guid.CreateVersion7(), Guid.CreateVersion7());

    private static readonly IReadOnlyList<PipelineStage> Configured =
    [
        new(Guid.CreateVersion7(), "Initial contact", 10m, StageOutcome.Open), new(Guid.CreateVersion7(), "Needs analysis", 30m, StageOutcome.Open),
        new(Guid.CreateVersion7(), "Quotation", 60m, StageOutcome.Open), new(Guid.CreateVersion7(), "Won", 100m, StageOutcome.Won),
        new(Guid.CreateVersion7(), "Lost", 0m, StageOutcome.Lost),
    ];

    private StageSnapshot At(int i) => new(PipelineId, Configured[i].StageId, Configured[i].Name, Configured[i].WinRate, Configured[i].Outcome);

    // A stage deleted from the pipeline since: only history knows it.
    private StageSnapshot Retired => new(PipelineId, RetiredId, "Old stage", 40m, StageOutcome.Open);

    private readonly Guid RetiredId = Guid.CreateVersion7();

    private static DateTimeOffset H(double hours) => T0.AddHours(hours);

    private async Task OpportunityAsync(Guid id, params object[] events) =>
        await db.Store.AppendAsync(StreamAppend.Start(id, "opportunity", events));

    private OpportunityCreated Created(Guid id, StageSnapshot stage, decimal amount, string currency = "CNY", Guid? owner = null) =>
        new(id, Guid.CreateVersion7(), new OpportunityFields("Deal"), [], new Money(amount, currency), true, owner ?? Owners.A, stage, null, T0);

    private async Task SeedAsync()
    {
        await db.Store.AppendAsync(StreamAppend.Start(PipelineId, "pipeline", new PipelineCreated(PipelineId, $"Standard {PipelineId}", Configured, false)));
        var (o1, o2, o3, o4, o5, o6) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), Guid.CreateVersion7());
        await OpportunityAsync(o1, Created(o1, At(0), 1000m), new OpportunityStageAdvanced(o1, At(0), At(1), H(1)),
            new OpportunityStageAdvanced(o1, At(1), At(2), H(3)), new OpportunityWon(o1, Guid.CreateVersion7(), At(2), At(3), new Money(1200m, "CNY"), H(4)));
        await OpportunityAsync(o2, Created(o2, At(0), 500m), new OpportunityStageAdvanced(o2, At(0), At(1), H(3)),
            new OpportunityLost(o2, At(1), At(4), "Budget cut", H(5)));
        await OpportunityAsync(o3, Created(o3, At(0), 2000m, "USD", Owners.B));
        await OpportunityAsync(o4, Created(o4, Retired, 300m));
        await OpportunityAsync(o5, Created(o5, At(0), 100m), new OpportunityStageAdvanced(o5, At(0), At(1), H(1)),
            new OpportunityStageAdvanced(o5, At(1), At(0), H(2)), new OpportunityAmountSet(o5, new Money(150m, "CNY"), new Money(100m, "CNY"), true));
        await OpportunityAsync(o6, Created(o6, At(0), 999m), new OpportunityDeleted(o6));
    }

    // Batches of three: an opportunity's events land in several batches, so the rows the projection remembers between batches
    // (its cache) are used; the rebuild below replays everything in one batch, reading nothing back: both must agree.
    private static readonly DaemonOptions SmallBatches = new() { PollInterval = TimeSpan.FromMilliseconds(50), BatchSize = 3, RebuildBatchSize = 3 };

    private async Task CatchUpAsync(Func<ProjectionDaemon, Task>? then = null, DaemonOptions? options = null)
    {
        await using var daemon = new ProjectionDaemon(db.Store, [new FunnelProjection()], options ?? SmallBatches);
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        if (then is not null) await then(daemon);
        await daemon.StopAsync();
    }

    private Task<FunnelReport> ReportAsync(FunnelFilter filter, IReadOnlyList<PipelineStage>? stages = null) =>
        new FunnelQueries(db.Database.DataSource).ReportAsync(PipelineId, "Standard", stages ?? Configured, filter);

    private async Task RebuildGivesTheSameRowsAsync()
    {
        var before = await SnapshotAsync();
        await CatchUpAsync(async daemon =>
        {
            await daemon.RebuildAsync(new FunnelProjection().Name);
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task counts_amounts_conversion_and_time_in_stage_follow_the_definitions_and_a_rebuild_gives_the_same_rows()
    {
        await SeedAsync();
        await CatchUpAsync();

        var report = await ReportAsync(new FunnelFilter(null, null, null));

        Assert.Equal(["Initial contact", "Needs analysis", "Quotation", "Old stage"], report.Stages.Select(s => s.Name));
        Assert.Equal([0, 1, 2, (int?)null], report.Stages.Select(s => s.Position));
        var (initial, needs, quotation, old) = (report.Stages[0], report.Stages[1], report.Stages[2], report.Stages[3]);
        Assert.Equal(2, initial.Count);
        Assert.Equal([new FunnelAmount("CNY", 150m, 15m), new FunnelAmount("USD", 2000m, 200m)], initial.Amounts);
        Assert.Equal((4L, 3L, 75.00m, 3L, 6000L), (initial.Entered, initial.Converted, initial.ConversionRate!.Value, initial.CompletedStays,
            initial.AverageSecondsInStage!.Value));
        Assert.Equal((0L, 3L, 1L, 33.33m, 3L, 6000L), (needs.Count, needs.Entered, needs.Converted, needs.ConversionRate!.Value, needs.CompletedStays,
            needs.AverageSecondsInStage!.Value));
        Assert.Empty(needs.Amounts);
        Assert.Equal((1L, 1L, 100.00m, 3600L), (quotation.Entered, quotation.Converted, quotation.ConversionRate!.Value, quotation.AverageSecondsInStage!.Value));
        Assert.Equal((1L, 40m, 1L, 0L, 0m, 0L), (old.Count, old.WinRate, old.Entered, old.Converted, old.ConversionRate!.Value, old.CompletedStays));
        Assert.Null(old.AverageSecondsInStage);
        Assert.Equal([new FunnelAmount("CNY", 300m, 120m)], old.Amounts);
        Assert.Equal(1, report.Won.Count);
        Assert.Equal([new FunnelAmount("CNY", 1200m, 1200m)], report.Won.Amounts);
        Assert.Equal(1, report.Lost.Count);
        Assert.Equal("CNY", Assert.Single(report.Lost.Amounts).Currency);

        await RebuildGivesTheSameRowsAsync();
    }

    [Fact]
    public async Task an_opportunity_changed_before_and_after_a_reorder_in_one_batch_counts_with_its_latest_row()
    {
        // Batches of three, from a caught-up checkpoint: [pipeline, A, B], then [A's amount, the reorder, A advanced]. A is remembered from
        // the first batch; in the second, after the reorder, it must be the row the same batch wrote, not the one remembered.
        await CatchUpAsync();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.Store.AppendAsync(StreamAppend.Start(PipelineId, "pipeline", new PipelineCreated(PipelineId, $"Standard {PipelineId}", Configured, false)));
        await OpportunityAsync(a, Created(a, At(0), 1000m));
        await OpportunityAsync(b, Created(b, At(0), 10m));
        await db.Store.AppendAsync(new StreamAppend(a, "opportunity", ExpectedVersion.Exactly(1),
            [new OpportunityAmountSet(a, new Money(5000m, "CNY"), new Money(1000m, "CNY"), true)]));
        IReadOnlyList<PipelineStage> reordered = [Configured[1], Configured[0], Configured[2], Configured[3], Configured[4]];
        await db.Store.AppendAsync(new StreamAppend(PipelineId, "pipeline", ExpectedVersion.Exactly(1),
            [new PipelineStagesChanged(PipelineId, reordered, Configured)]));
        await db.Store.AppendAsync(new StreamAppend(a, "opportunity", ExpectedVersion.Exactly(2), [new OpportunityStageAdvanced(a, At(0), At(2), H(1))]));
        await CatchUpAsync();

        var report = await ReportAsync(new FunnelFilter(null, null, null), reordered);

        Assert.Equal([new FunnelAmount("CNY", 5000m, 3000m)], report.Stages.Single(s => s.Name == "Quotation").Amounts);
        Assert.Equal([new FunnelAmount("CNY", 10m, 1m)], report.Stages.Single(s => s.Name == "Initial contact").Amounts);
        await RebuildGivesTheSameRowsAsync();
    }

    [Fact]
    public async Task reordering_the_open_stages_recounts_the_conversions_with_the_new_order()
    {
        await SeedAsync();
        await CatchUpAsync();
        IReadOnlyList<PipelineStage> reordered = [Configured[1], Configured[0], Configured[2], Configured[3], Configured[4]];
        await db.Store.AppendAsync(new StreamAppend(PipelineId, "pipeline", ExpectedVersion.Exactly(1),
            [new PipelineStagesChanged(PipelineId, reordered, Configured)]));
        await CatchUpAsync();

        var report = await ReportAsync(new FunnelFilter(null, null, null), reordered);

        // Needs analysis is first now: o1 (later quotation, won) and o5 (later initial contact) converted, o2 (then lost) did not.
        Assert.Equal(["Needs analysis", "Initial contact", "Quotation", "Old stage"], report.Stages.Select(s => s.Name));
        Assert.Equal((3L, 2L, 66.67m), (report.Stages[0].Entered, report.Stages[0].Converted, report.Stages[0].ConversionRate!.Value));
        // Initial contact, second: only o1 (won later) converted; o2 and o5 went back to a stage placed before it, o3 stayed.
        Assert.Equal((4L, 1L, 25.00m), (report.Stages[1].Entered, report.Stages[1].Converted, report.Stages[1].ConversionRate!.Value));
        var byOwner = await ReportAsync(new FunnelFilter([Owners.A, Owners.B], null, null), reordered);
        Assert.Equal(report.Stages.Select(s => (s.Entered, s.Converted, s.Count)), byOwner.Stages.Select(s => (s.Entered, s.Converted, s.Count)));
        await RebuildGivesTheSameRowsAsync();
    }

    [Fact]
    public async Task an_opportunity_deleted_or_moved_to_another_owner_leaves_no_count_behind()
    {
        await SeedAsync();
        await CatchUpAsync();
        var all = await ReportAsync(new FunnelFilter(null, null, null));
        var o7 = Guid.CreateVersion7();
        await OpportunityAsync(o7, Created(o7, At(0), 70m, owner: Owners.B), new OpportunityStageAdvanced(o7, At(0), At(1), H(2)));
        await CatchUpAsync();
        await db.Store.AppendAsync(new StreamAppend(o7, "opportunity", ExpectedVersion.Exactly(2),
            [new OpportunityTransferred(o7, Owners.A, Owners.B, null, null, T0), new OpportunityDeleted(o7)]));
        await CatchUpAsync();

        Assert.Equal(Figures(all), Figures(await ReportAsync(new FunnelFilter(null, null, null))));
        var onlyB = await ReportAsync(new FunnelFilter([Owners.B], null, null));
        Assert.Equal([(1L, 1L), (0L, 0L), (0L, 0L)], onlyB.Stages.Select(s => (s.Count, s.Entered)));
        Assert.Equal(0, await CountAsync("select count(*) from crm.funnel_counts where opportunities <= 0"));
        Assert.Equal(0, await CountAsync("select count(*) from crm.funnel_flow where entered <= 0"));
        Assert.Equal(0, await CountAsync($"select count(*) from crm.funnel_opportunities where id = '{o7}'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task an_opportunity_whose_stays_move_to_another_pipeline_is_counted_there_from_its_stays_in_that_pipeline()
    {
        await SeedAsync();
        var other = Guid.CreateVersion7();
        IReadOnlyList<PipelineStage> otherStages = [new(Guid.CreateVersion7(), "Talk", 20m, StageOutcome.Open), new(Guid.CreateVersion7(), "Offer", 50m,
            StageOutcome.Open), new(Guid.CreateVersion7(), "Won", 100m, StageOutcome.Won), new(Guid.CreateVersion7(), "Lost", 0m, StageOutcome.Lost)];
        await db.Store.AppendAsync(StreamAppend.Start(other, "pipeline", new PipelineCreated(other, $"Other {other}", otherStages, false)));
        StageSnapshot Other(int i) => new(other, otherStages[i].StageId, otherStages[i].Name, otherStages[i].WinRate, otherStages[i].Outcome);
        var o8 = Guid.CreateVersion7();
        await OpportunityAsync(o8, Created(o8, At(0), 80m, owner: Owners.B), new OpportunityStageAdvanced(o8, At(0), At(1), H(1)));
        await CatchUpAsync();
        await db.Store.AppendAsync(new StreamAppend(o8, "opportunity", ExpectedVersion.Exactly(2),
            [new OpportunityStageAdvanced(o8, At(1), Other(0), H(2)), new OpportunityStageAdvanced(o8, Other(0), Other(1), H(5))]));
        await CatchUpAsync();

        var there = await new FunnelQueries(db.Database.DataSource).ReportAsync(other, "Other", otherStages, new FunnelFilter(null, null, null));
        Assert.Equal([(1L, 1L, 1L, 1L, (long?)10800), (1L, 1L, 0L, 0L, null)],
            there.Stages.Select(s => (s.Entered, s.Count + s.Converted, s.Converted, s.CompletedStays, s.AverageSecondsInStage)));
        var scoped = await new FunnelQueries(db.Database.DataSource).ReportAsync(other, "Other", otherStages, new FunnelFilter([Owners.B], null, null));
        Assert.Equal(Figures(there), Figures(scoped));
        await RebuildGivesTheSameRowsAsync();
    }

    private static List<string> Figures(FunnelReport report) =>
        report.Stages.Select(s => $"{s.Name} {s.Count} {s.Entered} {s.Converted} {s.CompletedStays} {s.AverageSecondsInStage} " +
                                  string.Join(",", s.Amounts.Select(a => $"{a.Currency}:{a.Amount}:{a.WeightedAmount}"))).ToList();

    [Fact]
    public async Task owners_and_the_creation_period_narrow_the_opportunities_counted()
    {
        await SeedAsync();
        await CatchUpAsync();

        var onlyB = await ReportAsync(new FunnelFilter([Owners.B], null, null));
        Assert.Equal(1, onlyB.Stages[0].Count);
        Assert.Equal("USD", Assert.Single(onlyB.Stages[0].Amounts).Currency);
        Assert.Equal(0, onlyB.Won.Count);
        Assert.Equal(["Initial contact", "Needs analysis", "Quotation"], onlyB.Stages.Select(s => s.Name));

        var later = await ReportAsync(new FunnelFilter(null, DateOnly.FromDateTime(T0.UtcDateTime).AddDays(1), null));
        Assert.All(later.Stages, s => Assert.Equal((0L, 0L), (s.Count, s.Entered)));
        Assert.Null(later.Stages[0].ConversionRate);
        Assert.Equal(0, later.Won.Count);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[]
                 {
                     "crm.funnel_opportunities", "crm.funnel_stays", "crm.funnel_stage_visits", "crm.funnel_pipeline_stages", "crm.funnel_stage_names", "crm.funnel_counts",
                     "crm.funnel_flow",
                 })
        {
            await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by row_to_json(t)::text");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
