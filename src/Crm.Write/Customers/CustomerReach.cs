using Crm.Projections.Customers;
using Crm.Write.Access;

namespace Crm.Write.Customers;

/// <summary>Customers as the access policy sees them: owner, pool (readable with pool.list) and team.</summary>
public sealed class CustomerReach(CustomerQueries customers)
{
    public const string Kind = "customer";

    /// <summary>Customers in the pool are read by whoever may list the pool; changed only with an all-records scope.</summary>
    public static PoolReach Pool { get; } = new("pool.list", ReadOnly: true);

    /// <summary>The customer's current row when the caller reaches it for <paramref name="permission"/>; else the refusal.</summary>
    public async Task<(CustomerRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var (row, _, _, refusal) = await CheckWithTeamAsync(id, caller, permission, team, ct);
        return (row, refusal);
    }

    /// <summary>
    /// <see cref="CheckAsync"/> that also answers the team and last deal it read (empty when <paramref name="team"/> is None): all
    /// come in one round trip, and a detail answer shows the same team the check saw.
    /// </summary>
    public async Task<(CustomerRow? Row, IReadOnlyList<CustomerTeamMember> Team, DateTimeOffset? LastDealAt, DomainError? Refusal)> CheckWithTeamAsync(
        Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var (row, members, lastDeal) = await customers.GetWithTeamAsync(id, team != TeamNeed.None, ct);
        var onFile = row is null ? RecordOnFile.Missing(Kind, id)
            : new RecordOnFile(Kind, id, true, row.OwnerId, Pool) { Team = members.ToDictionary(m => m.UserId, m => m.Access) };
        var refusal = RecordAccess.Reach(caller, onFile, permission, team);
        return refusal is null ? (row, members, lastDeal, null) : (null, [], null, refusal);
    }

    /// <summary>For commands: the rule applied to the customer as its stream has it (owner, pool, team), inside the command's cycle.</summary>
    public static DomainError? Check(Guid id, CustomerState state, Caller caller, string permission, TeamNeed team) =>
        RecordAccess.Reach(caller, OnFile(id, state), permission, team);

    /// <summary>The customer as the access policy sees it, from its stream's state (now, or as of a past moment).</summary>
    public static RecordOnFile OnFile(Guid id, CustomerState state) => state.Exists
        ? new RecordOnFile(Kind, id, true, state.OwnerId, Pool) { Team = state.Team }
        : RecordOnFile.Missing(Kind, id);

    public async Task<RecordOnFile> OnFileAsync(Guid id, CustomerRow? row, TeamNeed team, CancellationToken ct)
    {
        if (row is null) return RecordOnFile.Missing(Kind, id);
        // The team is read only when it can matter: an operation team membership grants.
        var members = team == TeamNeed.None ? [] : await customers.TeamAsync(id, ct);
        return new RecordOnFile(Kind, id, true, row.OwnerId, Pool) { Team = members.ToDictionary(m => m.UserId, m => m.Access) };
    }
}
