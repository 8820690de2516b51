namespace Crm.Projections.Funnel;

/// <summary>A row key of crm.funnel_counts.</summary>
public readonly record struct CountKey(Guid PipelineId, DateOnly CreatedOn, Guid StageId, string Outcome, string Currency);

/// <summary>Opportunities, their amount and their amount × recorded win rate / 100 (unrounded).</summary>
public readonly record struct CountTally(long Opportunities, decimal Amount, decimal Weighted)
{
    public static CountTally operator +(CountTally a, CountTally b) => new(a.Opportunities + b.Opportunities, a.Amount + b.Amount, a.Weighted + b.Weighted);
    public static CountTally operator -(CountTally a) => new(-a.Opportunities, -a.Amount, -a.Weighted);
    public bool IsZero => Opportunities == 0 && Amount == 0 && Weighted == 0;
}

/// <summary>A row key of crm.funnel_flow.</summary>
public readonly record struct FlowKey(Guid PipelineId, DateOnly CreatedOn, Guid StageId);

/// <summary>Opportunities that entered an open stage, converted from it, stays there that ended and their summed seconds.</summary>
public readonly record struct FlowTally(long Entered, long Converted, long Completed, decimal CompletedSeconds)
{
    public static FlowTally operator +(FlowTally a, FlowTally b) =>
        new(a.Entered + b.Entered, a.Converted + b.Converted, a.Completed + b.Completed, a.CompletedSeconds + b.CompletedSeconds);
    public static FlowTally operator -(FlowTally a) => new(-a.Entered, -a.Converted, -a.Completed, -a.CompletedSeconds);
    public bool IsZero => Entered == 0 && Converted == 0 && Completed == 0 && CompletedSeconds == 0;
}
