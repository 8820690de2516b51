using Crm.Projections.Opportunities;
using Crm.Write.Access;

namespace Crm.Write.Opportunities;

/// <summary>Opportunities as the access policy sees them: their owner and their team, exactly as customers (no pool).</summary>
public sealed class OpportunityReach(OpportunityQueries opportunities)
{
    public const string Kind = "opportunity";

    /// <summary>For reads: the opportunity's current row when the caller reaches it for <paramref name="permission"/>; else the refusal.</summary>
    public async Task<(OpportunityRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var row = await opportunities.GetAsync(id, ct);
        if (row is null) return (null, RecordAccess.NotFound(Kind, id));
        // The team is read only when the caller's scope does not reach the owner: an operation team membership grants.
        var members = team == TeamNeed.None || caller.VisibleOwners(permission).Includes(row.OwnerId) ? [] : await opportunities.TeamAsync(id, ct);
        var refusal = RecordAccess.Reach(caller, new RecordOnFile(Kind, id, true, row.OwnerId)
        {
            Team = members.ToDictionary(m => m.UserId, m => m.Access),
        }, permission, team);
        return refusal is null ? (row, null) : (null, refusal);
    }

    /// <summary>For commands: the rule applied to the opportunity as its stream has it (owner, team), inside the command's cycle.</summary>
    public static DomainError? Check(Guid id, OpportunityState state, Caller caller, string permission, TeamNeed team) =>
        RecordAccess.Reach(caller, OnFile(id, state), permission, team);

    /// <summary>The opportunity as the access policy sees it, from its stream's state (now, or as of a past moment).</summary>
    public static RecordOnFile OnFile(Guid id, OpportunityState state) => state.Exists
        ? new RecordOnFile(Kind, id, true, state.OwnerId) { Team = state.Team }
        : RecordOnFile.Missing(Kind, id);
}
