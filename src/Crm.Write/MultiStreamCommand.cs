using Crm.EventStore;

namespace Crm.Write;

/// <summary>
/// One decision over several streams, as <see cref="CommandHandler.HandleManyAsync"/> runs it:
/// the decision, the version each touched stream was read at (absent or 0: a new stream), and the
/// version of the command's own record, answered when nothing changes. <paramref name="Guard"/>, when set, is this plan's own
/// append guard (facts only known once the plan read them, e.g. the record kind of a submission), used instead of the command's.
/// </summary>
public sealed record MultiStreamPlan(MultiStreamDecision Decision, IReadOnlyDictionary<Guid, long> Versions, long Version, AppendGuard? Guard = null)
{
    /// <summary>Refused before anything was decided (not found, stale If-Match).</summary>
    public static MultiStreamPlan Refuse(DomainError error) => new(MultiStreamDecision.Refuse(error), new Dictionary<Guid, long>(), 0);
}
