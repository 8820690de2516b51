using Crm.Events;

namespace Crm.Projections.Funnel;

/// <summary>Money of one currency at a stage: the amounts' sum and the sum weighted by the stage's win rate (amount × rate / 100).</summary>
public sealed record FunnelAmount(string Currency, decimal Amount, decimal WeightedAmount);

/// <summary>
/// One open stage of the funnel. Now: <paramref name="Count"/> open opportunities at it and their <paramref name="Amounts"/>.
/// From the stage events: <paramref name="Entered"/> opportunities entered it, <paramref name="Converted"/> of them later reached
/// a stage placed after it or were won (<paramref name="ConversionRate"/> in percent), and the stays that ended lasted
/// <paramref name="AverageSecondsInStage"/> on average.
/// </summary>
/// <param name="Position">0-based place in the pipeline as configured now; null for a stage only history knows.</param>
public sealed record FunnelStage(
    Guid StageId, string Name, decimal WinRate, int? Position, long Count, IReadOnlyList<FunnelAmount> Amounts,
    long Entered, long Converted, decimal? ConversionRate, long CompletedStays, long? AverageSecondsInStage);

/// <summary>Won or lost opportunities: how many, and their amounts per currency.</summary>
public sealed record FunnelOutcome(long Count, IReadOnlyList<FunnelAmount> Amounts);

/// <summary>The funnel of one pipeline over the opportunities its filters keep.</summary>
public sealed record FunnelReport(Guid PipelineId, string PipelineName, IReadOnlyList<FunnelStage> Stages, FunnelOutcome Won, FunnelOutcome Lost);

/// <summary>Which opportunities a funnel counts: owners (null: everyone) and the days (UTC) of creation [From, Until).</summary>
public sealed record FunnelFilter(Guid[]? Owners, DateOnly? From, DateOnly? Until);

/// <summary>Open opportunities at one stage and currency (raw sums; recorded: weighted by the rates their events recorded).</summary>
internal sealed record CurrentSums(Guid StageId, string Outcome, string StageName, decimal RecordedRate, string Currency, long Count, decimal Amount,
    decimal RecordedWeighted);

/// <summary>The stage events' figures of one open stage.</summary>
internal sealed record FlowSums(Guid StageId, string StageName, decimal RecordedRate, long Entered, long Converted, long Completed, long? AverageSeconds);

/// <summary>Puts the sums together, stage by stage: configured open stages in their order, then stages only history knows, by name.</summary>
internal static class FunnelAssembly
{
    public static FunnelReport Build(Guid pipelineId, string name, IReadOnlyList<PipelineStage> configured, List<CurrentSums> current, List<FlowSums> flow)
    {
        var open = configured.Where(s => s.Outcome == StageOutcome.Open).ToList();
        var known = open.Select((s, i) => (s.StageId, s.Name, s.WinRate, Position: (int?)i)).ToList();
        var historic = current.Where(c => c.Outcome == StageOutcome.Open).Select(c => (c.StageId, c.StageName, c.RecordedRate))
            .Concat(flow.Select(f => (f.StageId, f.StageName, f.RecordedRate)))
            .Where(h => open.All(s => s.StageId != h.StageId)).DistinctBy(h => h.StageId).OrderBy(h => h.StageName, StringComparer.Ordinal)
            .Select(h => (h.StageId, Name: h.StageName, WinRate: h.RecordedRate, Position: (int?)null));
        var stages = known.Concat(historic).Select(s =>
        {
            var sums = current.Where(c => c.StageId == s.StageId && c.Outcome == StageOutcome.Open).ToList();
            // A configured stage is weighted by its rate now; a stage only history knows by the rates its opportunities recorded.
            var amounts = sums.OrderBy(c => c.Currency, StringComparer.Ordinal).Select(c => new FunnelAmount(c.Currency, c.Amount,
                s.Position is null ? c.RecordedWeighted : Money2(c.Amount * s.WinRate / 100m))).ToList();
            var f = flow.FirstOrDefault(x => x.StageId == s.StageId);
            var entered = f?.Entered ?? 0;
            var converted = f?.Converted ?? 0;
            decimal? rate = entered == 0 ? null : Money2(converted * 100m / entered);
            return new FunnelStage(s.StageId, s.Name, s.WinRate, s.Position, sums.Sum(c => c.Count), amounts, entered, converted, rate,
                f?.Completed ?? 0, f?.AverageSeconds);
        }).ToList();
        return new FunnelReport(pipelineId, name, stages, Closed(current, StageOutcome.Won), Closed(current, StageOutcome.Lost));
    }

    private static FunnelOutcome Closed(List<CurrentSums> current, string outcome)
    {
        var rows = current.Where(c => c.Outcome == outcome).ToList();
        var amounts = rows.GroupBy(c => c.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FunnelAmount(g.Key, g.Sum(c => c.Amount), g.Sum(c => c.RecordedWeighted))).ToList();
        return new FunnelOutcome(rows.Sum(c => c.Count), amounts);
    }

    /// <summary>Two decimals, half away from zero (the sales module's money rule).</summary>
    public static decimal Money2(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
