using Crm.Host.Customers;
using Crm.Host.Org;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Opportunities;

namespace Crm.Host.Opportunities;

/// <summary>
/// The opportunities' part of a hand-over (ORG-3), after the customers' (which moved the open opportunities on the leaver's
/// customers): the open opportunities the leaver still holds — on colleagues' or pool customers — move too.
/// </summary>
public sealed class OpportunityHandOver(OpportunityHandler opportunities, HandOverQueries owned) : IRecordsHandOver
{
    public string Module => "opportunities";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var each = CustomerHandOver.Each(request);
        var moved = 0;
        foreach (var id in await owned.OpenOpportunitiesOwnedByAsync(fromUserId, ct))
        {
            var outcome = await opportunities.HandOverAsync(id, fromUserId, toUserId, each, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }
}
