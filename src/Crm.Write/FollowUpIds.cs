using Crm.EventStore;
using Crm.Projections.Customers;

namespace Crm.Write;

/// <summary>
/// A follow-up id the client chose must be new to every record's follow-ups. Looking in
/// crm.follow_ups before deciding is not enough when the same id is sent to two records at once (two
/// streams: per-stream concurrency cannot see it), so the append locks the id inside its own
/// transaction and looks again there; a twin that committed meanwhile rolls it back and the command
/// decides again, now refusing the id.
/// </summary>
public sealed class FollowUpIds(FollowUpQueries followUps)
{
    public Task<bool> IsUsedAsync(Guid id, CancellationToken ct) => followUps.IsUsedAsync(id, ct);

    public AppendGuard Guard(Guid id) =>
        new([$"follow-up:{id}"], async (connection, tx, ct) => !await followUps.IsUsedAsync(id, connection, tx, ct));
}
