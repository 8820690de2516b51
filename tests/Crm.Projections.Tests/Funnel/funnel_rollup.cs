using Crm.Events;
using Crm.Events.Sales;
using Crm.Projections.Funnel;

namespace Crm.Projections.Tests.Funnel;

/// <summary>What one opportunity adds to the funnel's rollups (pure: no database).</summary>
public sealed class funnel_rollup
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 23, 30, 0, TimeSpan.FromHours(-2));
    private static readonly Guid Pipeline = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly Guid[] Open = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
    private static readonly Guid WonStage = Guid.CreateVersion7();
    private static readonly Guid LostStage = Guid.CreateVersion7();
    private static readonly Dictionary<Guid, int> Positions = new() { [Open[0]] = 0, [Open[1]] = 1, [Open[2]] = 2 };

    private static FunnelStay Stay(Guid stage, double hours, string outcome = StageOutcome.Open, Guid? pipeline = null) =>
        new(pipeline ?? Pipeline, stage, "stage", 10m, outcome, T0.AddHours(hours).ToUniversalTime());

    private static FunnelEntry Entry(params FunnelStay[] stays)
    {
        var last = stays[^1];
        return new FunnelEntry(Guid.CreateVersion7(), new StageSnapshot(last.PipelineId, last.StageId, "now", 50m, last.Outcome), new Money(200m, "CNY"),
            Guid.CreateVersion7(), T0, T0, stays);
    }

    [Fact]
    public void a_stay_converts_when_a_later_stay_is_placed_after_it_or_won_and_going_back_does_not_count()
    {
        // 0 → 1 → 0 → 2: stage 0 converted (later 1 and 2), stage 1 converted (later 2), stage 2 is where it is.
        var flow = FunnelRollup.Flow(Entry(Stay(Open[0], 0), Stay(Open[1], 1), Stay(Open[0], 3), Stay(Open[2], 4)), Positions);
        Assert.Equal(new FlowTally(1, 1, 2, 2 * 3600), flow[Open[0]]);
        Assert.Equal(new FlowTally(1, 1, 1, 2 * 3600), flow[Open[1]]);
        Assert.Equal(new FlowTally(1, 0, 0, 0), flow[Open[2]]);

        // 1 → 0 → lost: neither converted.
        var back = FunnelRollup.Flow(Entry(Stay(Open[1], 0), Stay(Open[0], 1), Stay(LostStage, 2, StageOutcome.Lost)), Positions);
        Assert.Equal([0L, 0L], back.Values.Select(f => f.Converted));
        Assert.False(back.ContainsKey(LostStage));
    }

    [Fact]
    public void a_stage_the_pipeline_no_longer_has_converts_only_by_a_win_and_without_positions_only_wins_count()
    {
        var retired = Guid.CreateVersion7();
        var flow = FunnelRollup.Flow(Entry(Stay(retired, 0), Stay(Open[2], 1)), Positions);
        Assert.Equal(0, flow[retired].Converted);
        var won = FunnelRollup.Flow(Entry(Stay(Open[0], 0), Stay(Open[1], 1), Stay(WonStage, 2, StageOutcome.Won)), null);
        Assert.Equal([1L, 1L], won.Values.Select(f => f.Converted));
    }

    [Fact]
    public void stays_in_another_pipeline_are_not_its_stages_but_still_end_the_stay_before()
    {
        var flow = FunnelRollup.Flow(Entry(Stay(Open[0], 0, pipeline: Other), Stay(Open[1], 2), Stay(Open[0], 5, pipeline: Other), Stay(Open[0], 6)), Positions);
        Assert.Equal(new FlowTally(1, 0, 1, 3 * 3600), flow[Open[1]]);
        Assert.Equal(new FlowTally(1, 0, 0, 0), flow[Open[0]]);
    }

    [Fact]
    public void taking_an_opportunity_away_and_adding_it_back_changed_leaves_only_the_change_in_both_rollups()
    {
        var before = Entry(Stay(Open[0], 0));
        var after = FunnelEntry.Evolve(before, new OpportunityStageAdvanced(before.Id, Snapshot(Open[0]), Snapshot(Open[1]), T0.AddHours(2)), T0)!;
        var rollup = new FunnelRollup();
        rollup.Add(before, Positions, -1);
        rollup.Add(after, Positions, +1);

        // Counted under the creation day in UTC (T0 is 01:30 the next day in UTC).
        var day = new DateOnly(2026, 3, 3);
        Assert.All(rollup.Counts.Keys, k => Assert.Equal(day, k.CreatedOn));
        Assert.Equal(2, rollup.Counts.Count(kv => !kv.Value.IsZero));
        Assert.Equal(new CountTally(-1, -200m, -100m), rollup.Counts[new CountKey(Pipeline, day, Open[0], StageOutcome.Open, "CNY")]);
        Assert.Equal(new CountTally(1, 200m, 20m), rollup.Counts[new CountKey(Pipeline, day, Open[1], StageOutcome.Open, "CNY")]);
        // Stage 0: still entered once, now converted and its stay ended after 2 hours; stage 1 newly entered.
        Assert.Equal(new FlowTally(0, 1, 1, 7200), rollup.Flows[new FlowKey(Pipeline, day, Open[0])]);
        Assert.Equal(new FlowTally(1, 0, 0, 0), rollup.Flows[new FlowKey(Pipeline, day, Open[1])]);
    }

    private static StageSnapshot Snapshot(Guid stage) => new(Pipeline, stage, "stage", 10m, StageOutcome.Open);
}
