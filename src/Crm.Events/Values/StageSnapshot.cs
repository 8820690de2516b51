namespace Crm.Events;

/// <summary>
/// A pipeline stage as it was when an event happened: later edits of the pipeline (a renamed
/// stage, another win rate, a deleted stage) never change what an opportunity's history says.
/// <paramref name="WinRate"/> is a percentage, 0–100. <paramref name="Outcome"/> is
/// <see cref="StageOutcome"/>'s text: open, won or lost.
/// </summary>
public sealed record StageSnapshot(Guid PipelineId, Guid StageId, string Name, decimal WinRate, string Outcome);

/// <summary>What reaching a stage means. Text, not an enum number, so stored events stay readable.</summary>
public static class StageOutcome
{
    public const string Open = "open";
    public const string Won = "won";
    public const string Lost = "lost";

    public static bool IsValid(string? outcome) => outcome is Open or Won or Lost;
}

/// <summary>One stage of a pipeline's configuration, in order.</summary>
public sealed record PipelineStage(Guid StageId, string Name, decimal WinRate, string Outcome);
