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
        new(Guid.Empty, 0, pipeline ?? Pipeline, stage, "stage", 10m, outcome, T0.AddHours(hours).ToUniversalTime());

    private static Dictionary<Guid, FlowTally> Flow(params FunnelStay[] stays) => FunnelRollup.Flow(stays[^1].PipelineId, stays, Positions);

    [Fact]
    public void a_stay_converts_when_a_later_stay_is_placed_after_it_or_won_and_going_back_does_not_count()
    {
        // 0 → 1 → 0 → 2: stage 0 converted (later 1 and 2), stage 1 converted (later 2), stage 2 is where it is.
        var flow = Flow(Stay(Open[0], 0), Stay(Open[1], 1), Stay(Open[0], 3), Stay(Open[2], 4));
        Assert.Equal(new FlowTally(1, 1, 2, 2 * 3600), flow[Open[0]]);
        Assert.Equal(new FlowTally(1, 1, 1, 2 * 3600), flow[Open[1]]);
        Assert.Equal(new FlowTally(1, 0, 0, 0), flow[Open[2]]);

        // 1 → 0 → lost: neither converted.
        var back = Flow(Stay(Open[1], 0), Stay(Open[0], 1), Stay(LostStage, 2, StageOutcome.Lost));
        Assert.Equal([0L, 0L], back.Values.Select(f => f.Converted));
        Assert.False(back.ContainsKey(LostStage));
    }

    [Fact]
    public void a_stage_the_pipeline_no_longer_has_converts_only_by_a_win_and_without_positions_only_wins_count()
    {
        var retired = Guid.CreateVersion7();
        var flow = Flow(Stay(retired, 0), Stay(Open[2], 1));
        Assert.Equal(0, flow[retired].Converted);
        var won = FunnelRollup.Flow(Pipeline, [Stay(Open[0], 0), Stay(Open[1], 1), Stay(WonStage, 2, StageOutcome.Won)], null);
        Assert.Equal([1L, 1L], won.Values.Select(f => f.Converted));
    }

    [Fact]
    public void stays_in_another_pipeline_are_not_its_stages_but_still_end_the_stay_before()
    {
        var flow = Flow(Stay(Open[0], 0, pipeline: Other), Stay(Open[1], 2), Stay(Open[0], 5, pipeline: Other), Stay(Open[0], 6));
        Assert.Equal(new FlowTally(1, 0, 1, 3 * 3600), flow[Open[1]]);
        Assert.Equal(new FlowTally(1, 0, 0, 0), flow[Open[0]]);
    }

    [Fact]
    public void taking_an_opportunity_away_and_adding_it_back_changed_leaves_only_the_change_in_the_rollups()
    {
        var id = Guid.CreateVersion7();
        var before = FunnelEntry.Evolve(null, Created(id, Open[0], T0), T0, null).Entry!;
        var after = FunnelEntry.Evolve(before, new OpportunityStageAdvanced(id, Snapshot(Open[0]), Snapshot(Open[1]), T0.AddHours(2)), T0, Positions).Entry!;
        var rollup = new FunnelRollup();
        rollup.Add(before, -1);
        rollup.Add(after, +1);

        // Counted under the creation day in UTC (T0 is 01:30 the next day in UTC).
        var day = new DateOnly(2026, 3, 3);
        Assert.All(rollup.Counts.Keys, k => Assert.Equal(day, k.CreatedOn));
        Assert.Equal(2, rollup.Counts.Count(kv => !kv.Value.IsZero));
        Assert.Equal(new CountTally(-1, -200m, -20m), rollup.Counts[new CountKey(Pipeline, day, Open[0], StageOutcome.Open, "CNY")]);
        Assert.Equal(new CountTally(1, 200m, 20m), rollup.Counts[new CountKey(Pipeline, day, Open[1], StageOutcome.Open, "CNY")]);
        // Stage 0: still entered once, now converted and its stay ended after 2 hours; stage 1 newly entered.
        Assert.Equal(new FlowTally(0, 1, 1, 7200), rollup.Flows[new FlowKey(Pipeline, day, Open[0])]);
        Assert.Equal(new FlowTally(1, 0, 0, 0), rollup.Flows[new FlowKey(Pipeline, day, Open[1])]);
    }

    /// <summary>Stay by stay (<see cref="FunnelEntry.Evolve"/>) the flow is always the one counted from every stay at once.</summary>
    [Fact]
    public void the_flow_kept_stay_by_stay_is_the_flow_counted_from_all_the_stays()
    {
        var random = new Random(7);
        StageSnapshot[] stages =
        [
            Snapshot(Open[0]), Snapshot(Open[1]), Snapshot(Open[2]), new(Pipeline, Guid.CreateVersion7(), "retired", 40m, StageOutcome.Open),
            new(Pipeline, WonStage, "Won", 100m, StageOutcome.Won), new(Pipeline, LostStage, "Lost", 0m, StageOutcome.Lost),
        ];
        for (var run = 0; run < 500; run++)
        {
            var id = Guid.CreateVersion7();
            var at = T0;
            var first = stages[random.Next(4)];
            var entry = FunnelEntry.Evolve(null, Created(id, first.StageId, at, first), at, null).Entry!;
            var stays = new List<FunnelStay> { FunnelStay.Of(id, 1, first, at) };
            for (var n = random.Next(8); n > 0; n--)
            {
                at = at.AddMinutes(random.Next(1, 5000)).AddTicks(random.Next(10_000));
                var to = stages[random.Next(stages.Length)];
                object e = to.Outcome switch
                {
                    StageOutcome.Won => new OpportunityWon(id, Guid.Empty, entry.Stage, to, entry.Amount, at),
                    StageOutcome.Lost => new OpportunityLost(id, entry.Stage, to, "price", at),
                    _ when entry.Stage.Outcome != StageOutcome.Open => new OpportunityReopened(id, entry.Stage, to, at),
                    _ => new OpportunityStageAdvanced(id, entry.Stage, to, at),
                };
                var step = FunnelEntry.Evolve(entry, e, at, Positions);
                entry = step.Entry!;
                stays.Add(step.Stay!);
            }
            Assert.Equal(Sorted(FunnelRollup.Flow(Pipeline, stays, Positions)), Sorted(entry.Flow));
            Assert.Equal(stays.Count, entry.Visits);
        }
    }

    private static List<(Guid, FlowTally)> Sorted(IReadOnlyDictionary<Guid, FlowTally> flow) => flow.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();

    private static OpportunityCreated Created(Guid id, Guid stage, DateTimeOffset at, StageSnapshot? snapshot = null) =>
        new(id, Guid.CreateVersion7(), new OpportunityFields("Deal"), [], new Money(200m, "CNY"), true, Guid.CreateVersion7(), snapshot ?? Snapshot(stage),
            null, at);

    private static StageSnapshot Snapshot(Guid stage) => new(Pipeline, stage, "stage", 10m, StageOutcome.Open);
}
