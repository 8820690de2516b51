using Crm.Projections.Access;
using Crm.Write.Access;
using Crm.Write.Org;

namespace Crm.Write.Audit;

/// <summary>
/// "Who could see this record at that moment, and why?" — from events alone: the org's users, departments and roles folded as of the
/// moment (<see cref="OrgAsOf"/>), built into the permission engine's snapshot by the live engine's own mapping, and the record folded
/// as of the same moment (<see cref="RecordsAsOf"/>); then the engine's verdict per user (<see cref="AccessExplainer"/>).
/// </summary>
public sealed class AccessAsOf(EventStore.EventStore store, RecordsAsOf records)
{
    private static readonly string[] OrgStreams = [User.StreamType, Department.StreamType, Role.StreamType];

    /// <summary>The answer, or 404 <c>&lt;kind&gt;_not_found</c> when the record did not exist at that moment.</summary>
    public async Task<(AccessAnswer? Answer, DomainError? Error)> AskAsync(string kind, Guid id, DateTimeOffset asOf, CancellationToken ct)
    {
        var permission = RecordsAsOf.DetailPermissions[kind];
        var then = await records.ReadAsync(kind, id, asOf, ct);
        if (then is null) return (null, RecordAccess.NotFound(kind, id));
        var org = new OrgThen(await OrgAsOf.ReadAsync(store, OrgStreams, asOf, ct));
        var record = then.Record;
        var customer = then.Customer is { } c
            ? new CustomerThen(c.Id, c.Exists, c.OwnerId is { } o ? org.Person(o) : null, Team(org, c))
            : null;
        return (new AccessAnswer(kind, id, asOf, then.Version, permission, record.OwnerId is { } owner ? org.Person(owner) : null,
            customer is null ? Team(org, record) : [], customer, AccessExplainer.Viewers(org, record, permission)), null);
    }

    // A contact has no team of its own: the team that reaches it is its customer's, shown under the customer.
    private static IReadOnlyList<TeamMemberThen> Team(OrgThen org, RecordOnFile record) =>
        [.. record.Team.OrderBy(m => m.Key).Select(m => new TeamMemberThen(m.Key, org.User(m.Key)?.DisplayName, m.Value))];
}
