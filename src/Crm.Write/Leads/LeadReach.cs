using Crm.Projections.Leads;
using Crm.Write.Access;

namespace Crm.Write.Leads;

/// <summary>
/// Leads as the access policy sees them: reached through their owner; a lead in the lead pool (no
/// owner) by whoever may claim from the pool, or with an all-records scope (LEAD-7).
/// </summary>
public sealed class LeadReach(LeadQueries leads)
{
    public const string Kind = "lead";

    /// <summary>Whoever may claim reaches the pool's leads, for reading and for changing them.</summary>
    public static PoolReach Pool { get; } = new("lead.claim", ReadOnly: false);

    /// <summary>For reads: the lead's current row when the caller reaches it; else the refusal.</summary>
    public async Task<(LeadRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, string permission, CancellationToken ct)
    {
        var row = await leads.GetAsync(id, ct);
        var refusal = RecordAccess.Reach(caller, row is null ? RecordOnFile.Missing(Kind, id) : OnFile(id, row.OwnerId), permission, TeamNeed.None);
        return refusal is null ? (row, null) : (null, refusal);
    }

    /// <summary>For commands: the rule applied to the lead as its stream has it, inside the command's cycle.</summary>
    public static DomainError? Check(LeadState state, Caller caller, string permission) =>
        RecordAccess.Reach(caller, OnFile(state.Id, state), permission, TeamNeed.None);

    /// <summary>The lead as the access policy sees it, from its stream's state (now, or as of a past moment).</summary>
    public static RecordOnFile OnFile(Guid id, LeadState state) => state.Exists ? OnFile(id, state.OwnerId) : RecordOnFile.Missing(Kind, id);

    /// <summary>Whether the caller may see the lead at all: duplicate candidates are masked by it.</summary>
    public static bool Sees(Caller caller, Guid id, Guid? ownerId) => RecordAccess.Sees(caller, OnFile(id, ownerId), "lead.detail");

    private static RecordOnFile OnFile(Guid id, Guid? ownerId) => new(Kind, id, true, ownerId, Pool);
}
