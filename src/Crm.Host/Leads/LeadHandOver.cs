using Crm.Host.Org;
using Crm.Write;
using Crm.Write.Leads;

namespace Crm.Host.Leads;

/// <summary>The leads' part of a hand-over (ORG-3): <see cref="LeadHandler.HandOverAsync"/> under the module name "leads".</summary>
public sealed class LeadHandOver(LeadHandler leads) : IRecordsHandOver
{
    public string Module => "leads";

    public Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct) =>
        leads.HandOverAsync(fromUserId, toUserId, request, ct);
}
