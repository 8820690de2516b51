using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Leads;
using Npgsql;

namespace Crm.Host.Leads;

/// <summary>
/// Hands a disabled user's open leads to another user (ORG-3): one lead.transferred per lead, so each
/// lead's history shows the move. Converted leads stay with their owner (they are closed); repeating
/// the hand-over finds nothing left to move.
/// </summary>
public sealed class LeadHandOver(CommandHandler handler, NpgsqlDataSource dataSource, TimeProvider clock) : IRecordsHandOver
{
    public string Module => "leads";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using (var cmd = dataSource.CreateCommand("select id from crm.leads where owner_id = @owner and converted_customer_id is null order by id"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", fromUserId));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        }
        var moved = 0;
        var single = request with { IdempotencyKey = null, RequestHash = null, ExpectedVersion = null };
        foreach (var id in ids)
        {
            var outcome = await handler.HandleAsync(Lead.Decider, id, (state, _, _) => ValueTask.FromResult(
                // Only if it is still the leaver's: someone may have moved it since the list was read.
                state.OwnerId == fromUserId ? Lead.Decide(new TransferLead(id, toUserId), state, CommandRequests.Context(clock, single)) : Decision.Nothing), single, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }
}
