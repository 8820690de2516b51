using System.Text;
using Crm.EventStore;

namespace Crm.Projections.Workflows;

/// <summary>
/// The message that starts one workflow run (the trigger subscription's for an event, the sweep's for a quiet period): everything its handler
/// needs to find the rule, the record and where the event came from. Its handler runs it once, keyed by <see cref="RunId"/>.
/// </summary>
/// <param name="EventId">The triggering event (the causation id of what the run appends); for the sweep, the quiet period's id.</param>
/// <param name="CauseRequestId">The triggering event's request id: a run's id when another workflow's action appended it (loop detection).</param>
/// <param name="QuietSince">For the sweep: the last follow-up (or creation) the quiet period counts from.</param>
public sealed record WorkflowTriggered(
    Guid RunId, Guid WorkflowId, Guid EventId, string EventType, string RecordKind, Guid RecordId, string? CauseRequestId, string? CorrelationId,
    DateTimeOffset OccurredAt, DateTimeOffset? QuietSince = null)
{
    /// <summary>The event type a sweep's run names.</summary>
    public const string NoFollowUpType = "workflow.no-follow-up";

    /// <summary>A run's id: name-based on the workflow and the triggering event, the same on every host and every delivery.</summary>
    public static Guid RunIdOf(Guid workflowId, Guid eventId) =>
        NameBasedId.Of([.. Encoding.UTF8.GetBytes("crm.workflow-run:"), .. workflowId.ToByteArray(), .. eventId.ToByteArray()]);

    /// <summary>The id of a record's quiet period for a no_follow_up workflow (its "event").</summary>
    public static Guid QuietPeriodId(Guid workflowId, Guid recordId, DateTimeOffset since) =>
        NameBasedId.Of([.. Encoding.UTF8.GetBytes("crm.workflow-quiet:"), .. workflowId.ToByteArray(), .. recordId.ToByteArray(),
            .. BitConverter.GetBytes(since.UtcTicks)]);
}
