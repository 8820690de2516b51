using Crm.Projections.Contracts;
using Crm.Write.Access;

namespace Crm.Write.Contracts;

public static partial class ContractReach
{
    /// <summary>For reads: the contract's current row when the caller reaches it for <paramref name="permission"/>; else the refusal.</summary>
    public static async Task<(ContractRow? Row, DomainError? Refusal)> CheckAsync(
        ContractQueries contracts, Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var row = await contracts.GetAsync(id, ct);
        if (row is null) return (null, RecordAccess.NotFound(Kind, id));
        // The team is read only when the caller's scope does not reach the owner: an operation team membership grants.
        var members = team == TeamNeed.None || caller.VisibleOwners(permission).Includes(row.OwnerId) ? [] : await contracts.TeamAsync(id, ct);
        var refusal = RecordAccess.Reach(caller, new RecordOnFile(Kind, id, true, row.OwnerId)
        {
            Team = members.ToDictionary(m => m.UserId, m => m.Access),
        }, permission, team);
        return refusal is null ? (row, null) : (null, refusal);
    }
}
