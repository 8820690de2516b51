using Crm.Host.Access;
using Crm.Write;
using Crm.Write.Customers;

namespace Crm.Host.Customers;

/// <summary>
/// Kept only for the leads' commands while they move onto a handler in Crm.Write (issue 10): the masking rule is
/// <see cref="DuplicateMasking"/>. Delete it with its last caller.
/// </summary>
public sealed class DuplicateVisibility(DuplicateMasking masking)
{
    public Task<IReadOnlyList<DuplicateCandidateView>> MaskAsync(IEnumerable<DuplicateCandidate> candidates, CallerAccess caller, CancellationToken ct) =>
        masking.MaskAsync(candidates, caller, ct);

    public Task<DomainError> MaskAsync(DomainError error, CallerAccess caller, CancellationToken ct) => masking.MaskAsync(error, caller, ct);
}
