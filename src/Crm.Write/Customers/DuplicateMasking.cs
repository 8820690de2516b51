using Crm.Events;
using Crm.Projections.Customers;
using Crm.Write.Access;
using Crm.Write.Leads;

namespace Crm.Write.Customers;

/// <summary>A duplicate candidate as the caller may see it: one outside the caller's scope shows only what matched.</summary>
public sealed record DuplicateCandidateView(string Kind, Guid? Id, string? Name, IReadOnlyList<string> MatchedOn, bool Visible);

/// <summary>
/// The one masking rule for duplicate candidates, whatever is being created (customer, lead, a lead's
/// conversion): a duplicate the caller may not see still blocks the create (it is still a duplicate),
/// but neither its id nor its name is confirmed. Whether the caller sees it is the access policy's
/// answer for the candidate's detail permission (<see cref="RecordAccess.Sees"/>).
/// </summary>
public sealed class DuplicateMasking(DuplicateHolders holders)
{
    public async Task<IReadOnlyList<DuplicateCandidateView>> MaskAsync(IEnumerable<DuplicateCandidate> candidates, Caller caller, CancellationToken ct)
    {
        var list = candidates.ToList();
        if (list.Count == 0) return [];
        var found = await holders.OfAsync([.. list.Select(c => c.Id)], caller.ActorId, ct);
        return list.Select(c => Sees(caller, c, found.GetValueOrDefault(c.Id))
            ? new DuplicateCandidateView(c.Kind, c.Id, c.Name, c.MatchedOn, true)
            : new DuplicateCandidateView(c.Kind, null, null, c.MatchedOn, false)).ToList();
    }

    /// <summary>Replaces the raw candidates of a duplicate refusal by what the caller may see of them.</summary>
    public async Task<DomainError> MaskAsync(DomainError error, Caller caller, CancellationToken ct)
    {
        if (error.Code != DuplicateCheck.Code || !error.Extensions.TryGetValue("candidates", out var raw)
            || raw is not IEnumerable<DuplicateCandidate> candidates) return error;
        var masked = await MaskAsync(candidates, caller, ct);
        return error with { Extensions = new Dictionary<string, object>(error.Extensions) { ["candidates"] = masked } };
    }

    // A candidate not (yet, or no longer) in the read models cannot be checked: masked, never taken for a pool record.
    private static bool Sees(Caller caller, DuplicateCandidate candidate, DuplicateHolder? holder) => holder is not null && (holder.Kind == "lead"
        ? LeadReach.Sees(caller, holder.Id, holder.OwnerId)
        : RecordAccess.Sees(caller, new RecordOnFile(CustomerReach.Kind, holder.Id, true, holder.OwnerId, CustomerReach.Pool)
        {
            Team = holder.ViewerOnTeam ? new Dictionary<Guid, string> { [caller.ActorId] = TeamAccess.Read } : new Dictionary<Guid, string>(),
        }, "customer.detail"));
}
