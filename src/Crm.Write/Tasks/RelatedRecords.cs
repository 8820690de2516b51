using Crm.Events;
using Crm.Projections.Contracts;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;

namespace Crm.Write.Tasks;

/// <summary>
/// Which records a task is about the caller may see: each kind's own reach, for its detail permission (a team member reads). A link
/// is made only to a record the caller sees; a link to one they do not see is shown masked, never with its id.
/// </summary>
public sealed class RelatedRecords(CustomerReach customers, ContactReach contacts, OpportunityReach opportunities, ContractQueries contracts,
    LeadReach leads)
{
    public const string NotFoundCode = "related_not_found";

    /// <summary>One caller's view, remembering each answer for the request (a page of tasks often links one customer many times).</summary>
    public RelatedView For(Caller caller) => new(this, caller);

    internal async Task<bool> SeesAsync(Caller caller, RelatedRecord record, CancellationToken ct)
    {
        var refusal = record.Kind switch
        {
            "customer" => (await customers.CheckAsync(record.Id, caller, "customer.detail", TeamNeed.Read, ct)).Refusal,
            "contact" => (await contacts.CheckAsync(record.Id, caller, "contact.detail", TeamNeed.Read, ct)).Refusal,
            "opportunity" => (await opportunities.CheckAsync(record.Id, caller, "opportunity.detail", TeamNeed.Read, ct)).Refusal,
            "contract" => (await ContractReach.CheckAsync(contracts, record.Id, caller, "contract.detail", TeamNeed.Read, ct)).Refusal,
            "lead" => (await leads.CheckAsync(record.Id, caller, "lead.detail", ct)).Refusal,
            _ => RecordAccess.NotFound(record.Kind, record.Id),
        };
        return refusal is null;
    }
}

/// <summary>A caller's view of related records (see <see cref="RelatedRecords"/>).</summary>
public sealed class RelatedView(RelatedRecords records, Caller caller)
{
    private readonly Dictionary<RelatedRecord, bool> seen = [];

    public async Task<bool> SeesAsync(RelatedRecord record, CancellationToken ct)
    {
        if (!seen.TryGetValue(record, out var sees)) seen[record] = sees = await records.SeesAsync(caller, record, ct);
        return sees;
    }

    /// <summary>
    /// The links as sent, checked: a kind outside the five is 400 related_kind_invalid, a record the caller cannot see (or that does not
    /// exist: the same answer) 422 related_not_found, each naming related[i].
    /// </summary>
    public async Task<DomainError?> CheckAsync(IReadOnlyList<RelatedRecord> links, CancellationToken ct)
    {
        for (var i = 0; i < links.Count; i++)
        {
            var field = $"related[{i}]";
            if (!RelatedRecord.Kinds.Contains(links[i].Kind))
                return DomainError.Invalid(field, "related_kind_invalid", "A related record's kind is customer, contact, opportunity, contract or lead.");
            if (links[i].Id == Guid.Empty || !await SeesAsync(links[i], ct))
                return DomainError.Unprocessable(field, RelatedRecords.NotFoundCode, $"No {links[i].Kind} {links[i].Id} that you can see.");
        }
        return null;
    }

    /// <summary>
    /// An edit's links: null when <paramref name="wanted"/> is (unchanged); else the links sent, checked, plus those of
    /// <paramref name="current"/> the caller cannot see — they can neither name nor remove what they do not see.
    /// </summary>
    public async Task<(IReadOnlyList<RelatedRecord>? Links, DomainError? Refusal)> ReplaceAsync(IReadOnlyList<RelatedRecord>? wanted,
        IReadOnlyList<RelatedRecord> current, CancellationToken ct)
    {
        if (wanted is null) return (null, null);
        if (await CheckAsync(wanted, ct) is { } bad) return (null, bad);
        var hidden = new List<RelatedRecord>();
        foreach (var link in current) if (!await SeesAsync(link, ct)) hidden.Add(link);
        return ([.. wanted, .. hidden], null);
    }
}
