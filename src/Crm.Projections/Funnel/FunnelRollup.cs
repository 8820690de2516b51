using Crm.Events;

namespace Crm.Projections.Funnel;

/// <summary>
/// What opportunities add to the funnel's pipeline-wide rollups: each counts once, in its creation day.
/// Adding an opportunity as it was with sign −1 and as it is now with +1 leaves exactly the change to write.
/// </summary>
public sealed class FunnelRollup
{
    public Dictionary<CountKey, CountTally> Counts { get; } = [];
    public Dictionary<FlowKey, FlowTally> Flows { get; } = [];

    /// <summary>Adds (<paramref name="sign"/> +1) or takes away (−1) one opportunity: its count now and its flow.</summary>
    public void Add(FunnelEntry entry, int sign)
    {
        var pipeline = entry.Stage.PipelineId;
        var count = new CountTally(1, entry.Amount.Amount, entry.Amount.Amount * entry.Stage.WinRate / 100m);
        Put(Counts, new CountKey(pipeline, entry.CreatedOn, entry.Stage.StageId, entry.Stage.Outcome, entry.Amount.Currency), count, sign);
        foreach (var (stage, tally) in entry.Flow) Put(Flows, new FlowKey(pipeline, entry.CreatedOn, stage), tally, sign);
    }

    /// <summary>
    /// An opportunity's flow counted from all its stays (in visit order) in <paramref name="pipeline"/>, the pipeline it follows now:
    /// per open stage it stayed in, entered (1), converted (1 when a later stay in the same pipeline is at a stage placed after it,
    /// or is a win), the stays there that ended (at the next stay's entry) and their seconds. <paramref name="positions"/>: the
    /// open stages of the pipeline and their places (null: the pipeline is unknown, so only wins count as conversions).
    /// The definition <see cref="FunnelEntry.Evolve"/> follows stay by stay; a recount uses it when the stage order changes.
    /// </summary>
    public static Dictionary<Guid, FlowTally> Flow(Guid pipeline, IReadOnlyList<FunnelStay> stays, IReadOnlyDictionary<Guid, int>? positions)
    {
        var flows = new Dictionary<Guid, FlowTally>();
        // Walking back from the last stay: what the stays after the current one reached.
        int? laterPosition = null;
        var laterWon = false;
        for (var i = stays.Count - 1; i >= 0; i--)
        {
            var stay = stays[i];
            if (stay.PipelineId != pipeline) continue;
            int? position = positions is not null && positions.TryGetValue(stay.StageId, out var p) ? p : null;
            if (stay.Outcome == StageOutcome.Open)
            {
                var converted = laterWon || (position is { } at && laterPosition is { } later && later > at);
                var ended = i < stays.Count - 1;
                var seconds = ended ? (stays[i + 1].EnteredAt - stay.EnteredAt).Ticks / (decimal)TimeSpan.TicksPerSecond : 0m;
                var before = flows.GetValueOrDefault(stay.StageId);
                flows[stay.StageId] = new FlowTally(1, before.Converted == 1 || converted ? 1 : 0, before.Completed + (ended ? 1 : 0),
                    before.CompletedSeconds + seconds);
            }
            if (position is { } known) laterPosition = laterPosition is { } l ? Math.Max(l, known) : known;
            if (stay.Outcome == StageOutcome.Won) laterWon = true;
        }
        return flows;
    }

    private static void Put(Dictionary<CountKey, CountTally> tallies, CountKey key, CountTally tally, int sign) =>
        tallies[key] = tallies.GetValueOrDefault(key) + (sign > 0 ? tally : -tally);

    private static void Put(Dictionary<FlowKey, FlowTally> tallies, FlowKey key, FlowTally tally, int sign) =>
        tallies[key] = tallies.GetValueOrDefault(key) + (sign > 0 ? tally : -tally);
}
