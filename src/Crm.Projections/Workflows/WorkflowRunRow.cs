namespace Crm.Projections.Workflows;

/// <summary>One action's outcome in a run: done or failed (with the refusal's code and message), and the record it made or changed.</summary>
public sealed record WorkflowActionOutcome(string Type, string Status, string? Code = null, string? Message = null, Guid? RecordId = null)
{
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>A run as GET /api/workflows/{id}/runs shows it: one row of crm.workflow_runs.</summary>
public sealed record WorkflowRunRow(
    Guid Id, Guid WorkflowId, Guid TriggerEventId, string EventType, string RecordKind, Guid RecordId, DateTimeOffset? QuietSince, string Status,
    string? Reason, Guid? ActorId, IReadOnlyList<Guid> Chain, IReadOnlyList<WorkflowActionOutcome> Actions, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>The statuses of a run.</summary>
public static class WorkflowRunStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Stopped = "stopped";

    public static IReadOnlyList<string> All { get; } = [Pending, Running, Succeeded, Failed, Skipped, Stopped];
}
