using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Write.Access;
using Crm.Write.Customers;

namespace Crm.Write.Contacts;

/// <summary>
/// Contacts as the access policy sees them: reached through their own owner, their customer's owner,
/// or the customer's team (CUS-8: a customer's contacts are visible with the customer).
/// </summary>
public sealed class ContactReach(ContactQueries contacts, CustomerQueries customers, CustomerReach customerReach)
{
    public const string Kind = "contact";

    /// <summary>For reads: the contact's current row when the caller reaches it; else the refusal.</summary>
    public async Task<(ContactRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var row = await contacts.GetAsync(id, ct);
        var refusal = row is null
            ? RecordAccess.NotFound(Kind, id)
            : await CheckAsync(id, row.OwnerId, row.CustomerId, caller, permission, team, ct);
        return refusal is null ? (row, null) : (null, refusal);
    }

    /// <summary>
    /// For commands: the rule applied to contact <paramref name="id"/> as its stream has it (owner and customer), inside the
    /// command's cycle.
    /// </summary>
    public async Task<DomainError?> CheckAsync(Guid id, ContactState state, Caller caller, string permission, TeamNeed team, CancellationToken ct) =>
        state.Exists ? await CheckAsync(id, state.OwnerId, state.CustomerId, caller, permission, team, ct) : RecordAccess.NotFound(Kind, id);

    private async Task<DomainError?> CheckAsync(Guid id, Guid owner, Guid customerId, Caller caller, string permission, TeamNeed team,
        CancellationToken ct)
    {
        var customer = await customerReach.OnFileAsync(customerId, await customers.GetAsync(customerId, ct), team, ct);
        return RecordAccess.Reach(caller, OnFile(id, owner, customer), permission, team);
    }

    /// <summary>A contact as the access policy sees it: its own owner, and its customer's owner and team (now, or as of a past moment).</summary>
    public static RecordOnFile OnFile(Guid id, Guid owner, RecordOnFile customer) => new(Kind, id, true, owner)
    {
        AlsoReachedThrough = customer.OwnerId is { } customerOwner ? [customerOwner] : [],
        Team = customer.Team,
    };
}
