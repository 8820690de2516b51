using System.Globalization;
using Crm.Events;

namespace Crm.Write.Pipelines;

/// <summary>One stage as sent: <paramref name="StageId"/> keeps an existing stage (null: a new one); outcome defaults to open.</summary>
public sealed record StageInput(Guid? StageId, string? Name, decimal? WinRate, string? Outcome);

/// <summary>
/// The rules of a pipeline's stages: open stages first (at least one), then exactly one won stage (100 %) and one lost
/// stage (0 %), in either order, last. Names are unique in the pipeline; win rates are 0–100 with at most two decimals
/// and need not grow from stage to stage.
/// </summary>
public static class PipelineStages
{
    public const int MaxStages = 30;
    public const int MaxNameLength = 50;

    /// <summary>The stages as they will be stored, or every fault named by its place (stages[2].winRate).</summary>
    /// <param name="current">The pipeline's stages now: a stage id sent must be one of them (a create has none).</param>
    /// <param name="newId">Where a new stage's id comes from.</param>
    public static (IReadOnlyList<PipelineStage>? Stages, DomainError? Error) Check(
        IReadOnlyList<StageInput>? input, IReadOnlyList<PipelineStage> current, bool creating, Func<Guid> newId)
    {
        var faults = new List<FieldError>();
        if (input is null || input.Count == 0 || input.Count > MaxStages)
        {
            // The list form: the decider gathers every field's faults from Errors.
            return (null, DomainError.Invalid([new FieldError("stages", "stages_invalid",
                $"stages lists 3 to {MaxStages} stages: open ones, then a won and a lost stage.")]));
        }
        var stages = new List<PipelineStage>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < input.Count; i++)
        {
            var s = input[i];
            var at = $"stages[{i}]";
            var outcome = s.Outcome ?? StageOutcome.Open;
            if (!StageOutcome.IsValid(outcome)) faults.Add(new FieldError($"{at}.outcome", "stage_outcome_unknown", "outcome is open, won or lost."));
            var name = s.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
                faults.Add(new FieldError($"{at}.name", "stage_name_invalid", $"A stage's name has 1 to {MaxNameLength} characters."));
            else if (!names.Add(name)) faults.Add(new FieldError($"{at}.name", "stage_name_repeated", $"Two stages are named '{name}'."));
            var rate = WinRate(s.WinRate, outcome, at, faults);
            var id = s.StageId ?? newId();
            if (s.StageId is { } given)
            {
                if (given == Guid.Empty || !ids.Add(given))
                    faults.Add(new FieldError($"{at}.stageId", "stage_id_repeated", "Each stage id appears once (and is not the empty UUID)."));
                else if (!creating && current.All(c => c.StageId != given))
                {
                    faults.Add(new FieldError($"{at}.stageId", "stage_unknown",
                        $"Stage {given} is not a stage of this pipeline: leave stageId out for a new stage."));
                }
            }
            stages.Add(new PipelineStage(id, name ?? "", rate, outcome));
        }
        if (faults.Count == 0 && !InOrder(stages))
        {
            faults.Add(new FieldError("stages", "stage_order_invalid",
                "Open stages come first (at least one), then exactly one won and one lost stage, last."));
        }
        return DomainError.Invalid(faults) is { } invalid ? (null, invalid) : (stages, null);
    }

    private static decimal WinRate(decimal? given, string outcome, string at, List<FieldError> faults)
    {
        var fixedRate = outcome == StageOutcome.Won ? 100m : outcome == StageOutcome.Lost ? 0m : (decimal?)null;
        if (given is not { } rate)
        {
            if (fixedRate is { } f) return f;
            faults.Add(new FieldError($"{at}.winRate", "win_rate_required", "An open stage needs a winRate (0 to 100)."));
            return 0m;
        }
        if (rate is < 0m or > 100m || decimal.Round(rate, 2) != rate)
        {
            faults.Add(new FieldError($"{at}.winRate", "win_rate_invalid", "winRate is a percentage from 0 to 100 with at most two decimals."));
            return rate;
        }
        if (fixedRate is { } expected && rate != expected)
        {
            faults.Add(new FieldError($"{at}.winRate", "win_rate_fixed",
                string.Create(CultureInfo.InvariantCulture, $"A {outcome} stage's winRate is {expected}.")));
        }
        // 60.0 and 60 are one rate: stored with no trailing zeros, so a re-sent pipeline is no change.
        return rate / 1.000000000000000000000000000000000m;
    }

    private static bool InOrder(List<PipelineStage> stages)
    {
        var open = stages.TakeWhile(s => s.Outcome == StageOutcome.Open).Count();
        if (open < 1 || stages.Count != open + 2) return false;
        var closed = stages.Skip(open).Select(s => s.Outcome).Order(StringComparer.Ordinal).ToList();
        return closed is [StageOutcome.Lost, StageOutcome.Won];
    }

    /// <summary>Whether two stage lists are the same configuration.</summary>
    public static bool Same(IReadOnlyList<PipelineStage> a, IReadOnlyList<PipelineStage> b) => a.SequenceEqual(b);
}
