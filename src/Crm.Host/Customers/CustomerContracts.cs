using Crm.Events;
using Crm.Write;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Customers;
using Crm.Projections.Org;
using Crm.Write.Customers;

namespace Crm.Host.Customers;

/// <summary>A new customer (CUS-1).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">Required, at most 100 characters.</param>
/// <param name="Phone">Digits with + - ( ) . and spaces, 5 to 20 digits.</param>
/// <param name="Website">Absolute http(s) address; "example.com" becomes "https://example.com".</param>
/// <param name="Tags">At most 20 distinct tags of at most 30 characters, without commas.</param>
/// <param name="OwnerId">The owner; default: the caller. Must be inside the caller's customer.create data scope.</param>
/// <param name="CreateAnyway">Create even though leads or customers with the same name, phone or email exist (after a 409 duplicate_suspected).</param>
/// <param name="Custom">Custom field values keyed by field key (GET /api/metadata/customer lists them); fields not sent get their default.</param>
public sealed record CreateCustomerRequest(
    Guid? Id, [property: MustSend] string? Name, string? Level, string? Industry, string? Source, string? Region, string? Address,
    string? Phone, string? Email, string? Website, string? Remark, IReadOnlyList<string>? Tags, Guid? OwnerId, bool CreateAnyway = false,
    [property: NullMeans("no custom values")] System.Text.Json.JsonElement? Custom = null)
{
    public CustomerInput Input() => new(Name, Level, Industry, Source, Region, Address, Phone, Email, Website, Remark, Tags, Custom);
}

/// <summary>Fields to change: only the ones sent change; an empty string (or empty tag list) clears one.</summary>
/// <param name="Custom">Custom values to change, keyed by field key: only the keys sent change, a null value clears one.</param>
public sealed record UpdateCustomerRequest(
    string? Name, string? Level, string? Industry, string? Source, string? Region, string? Address,
    string? Phone, string? Email, string? Website, string? Remark, IReadOnlyList<string>? Tags,
    [property: NullMeans("no change")] System.Text.Json.JsonElement? Custom = null)
{
    public CustomerInput Input() => new(Name, Level, Industry, Source, Region, Address, Phone, Email, Website, Remark, Tags, Custom);
}

/// <summary>A customer.</summary>
/// <param name="OwnerId">Null while the customer is in the public pool.</param>
/// <param name="FollowUpStatus">new (no follow-up yet), in_communication, or closed_deal while the customer has a deal (lastDealAt set).</param>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
/// <param name="Team">The team (detail only; null in lists and time travel).</param>
/// <param name="LastDealAt">
/// When the customer last won an opportunity that is still won (a reopened or deleted one no longer counts); null: no deal yet,
/// and always null under time travel. The pool's "no deal for M days" and "exempt customers with deals" rules read the same value.
/// </param>
/// <param name="Custom">Custom field values keyed by field key (SET-1); {} when none.</param>
/// <param name="Classes">The derived classes and their facts (CUS-10) in lists, search, scenes and the detail; null in write answers and
/// under time travel.</param>
public sealed record CustomerResponse(
    Guid Id, string Name, string? Level, string? Industry, string? Source, string? Region, string? Address,
    string? Phone, string? Email, string? Website, string? Remark, IReadOnlyList<string> Tags,
    Guid? OwnerId, Guid? PreviousOwnerId, bool InPool, bool Locked, Guid? LeadId,
    [property: WireValues(CustomerRow.New, CustomerRow.InCommunication, CustomerRow.ClosedDeal)] string FollowUpStatus,
    DateTimeOffset? LastFollowUpAt, DateTimeOffset? NextContactAt, DateTimeOffset? OwnedSince, DateTimeOffset? PoolEnteredAt,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<CustomerTeamMember>? Team = null, DateTimeOffset? LastDealAt = null,
    Classification.CustomerClassesResponse? Classes = null, System.Text.Json.JsonElement? Custom = null)
{
    public static CustomerResponse From(CustomerRow r, IReadOnlyList<CustomerTeamMember>? team = null, DateTimeOffset? lastDealAt = null) => new(
        r.Id, r.Fields.Name, r.Fields.Level, r.Fields.Industry, r.Fields.Source, r.Fields.Region, r.Fields.Address,
        r.Fields.Phone, r.Fields.Email, r.Fields.Website, r.Fields.Remark, r.Fields.TagList,
        r.OwnerId, r.PreviousOwnerId, r.InPool, r.Locked, r.LeadId, r.FollowUpStatusShown(lastDealAt is not null),
        r.LastFollowUpAt, r.NextContactAt, r.OwnedSince, r.PoolEnteredAt, r.Version, r.CreatedAt, r.UpdatedAt, team, lastDealAt, null,
        r.Fields.Custom ?? EmptyCustom);

    private static readonly System.Text.Json.JsonElement EmptyCustom = System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone();
}

/// <summary>One page of customers.</summary>
/// <param name="NextCursor">Pass as ?cursor= (or "cursor" in a search) for the next page; null on the last page.</param>
/// <param name="Total">Only with includeTotal=true.</param>
public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Items, string? NextCursor, long? Total = null);

/// <summary>A search with a JSON filter tree: {"and":[{"field":"level","op":"eq","value":"A"}]}.</summary>
/// <param name="Filter">The filter tree (and / or / not nodes over field conditions).</param>
/// <param name="Limit">Page size; default and cap: the listPageSize setting.</param>
/// <param name="Sort">updatedAt, createdAt or name; a leading "-" sorts descending.</param>
/// <param name="IncludeArchived">Also find archived customers (SET-4 clean-up); merged ones never.</param>
public sealed record CustomerSearchRequest(System.Text.Json.JsonElement? Filter, string? Q, [property: SortKey] string? Sort, int? Limit,
    string? Cursor, bool IncludeTotal = false, bool IncludeArchived = false);

/// <summary>A follow-up record (CUS-2).</summary>
/// <param name="Kind">communication, log, schedule, task or approval.</param>
/// <param name="NextContactAt">When to contact the customer next (optional, in the future).</param>
public sealed record FollowUpRequest(
    Guid? Id, [property: MustSend, WireValues(typeof(FollowUpRules), nameof(FollowUpRules.CustomerKinds))] string? Kind,
        [property: MustSend] string? Content, DateTimeOffset? NextContactAt);

/// <summary>A follow-up as listed.</summary>
public sealed record FollowUpResponse(
    Guid Id, [property: WireValues("customer", "contact", "opportunity")] string RecordType, Guid RecordId, Guid? CustomerId,
    [property: WireValues(typeof(FollowUpRules), nameof(FollowUpRules.CustomerKinds))] string Kind, string Content,
    DateTimeOffset? NextContactAt, DateTimeOffset CreatedAt, Guid? CreatedBy)
{
    public static FollowUpResponse From(FollowUpRow r) =>
        new(r.Id, r.RecordType, r.RecordId, r.CustomerId, r.Kind, r.Content, r.NextContactAt, r.CreatedAt, r.CreatedBy);
}

/// <summary>Follow-ups, newest first.</summary>
public sealed record FollowUpListResponse(IReadOnlyList<FollowUpResponse> Items, string? NextCursor);

/// <summary>A team member to add, or a new access for one.</summary>
/// <param name="Access">read or read_write.</param>
public sealed record TeamMemberRequest(Guid? UserId, [property: WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? Access);

/// <summary>A transfer to another owner (CUS-4).</summary>
/// <param name="ToUserId">The new owner: a user inside the caller's customer.transfer data scope.</param>
/// <param name="CascadeToContacts">Move the customer's contacts along (one transaction).</param>
/// <param name="CascadeToOpportunities">Move the customer's open opportunities the previous owner holds along (one transaction).</param>
/// <param name="CascadeToContracts">Move the customer's contracts that are not voided and that the previous owner holds along (one transaction).</param>
/// <param name="KeepPreviousOwnerAs">null, or read / read_write: the previous owner stays on the team with that access.</param>
public sealed record TransferRequest([property: MustSend] Guid? ToUserId, bool CascadeToContacts = false, bool CascadeToOpportunities = false,
    bool CascadeToContracts = false,
    [property: NullMeans("the previous owner leaves"), WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? KeepPreviousOwnerAs = null)
{
    public Write.Customers.TransferCustomer Command(Guid id) => new(id, ToUserId ?? Guid.Empty, CascadeToContacts, CascadeToOpportunities,
        CascadeToContracts, string.IsNullOrWhiteSpace(KeepPreviousOwnerAs) ? null : KeepPreviousOwnerAs);
}

/// <summary>A transfer of several customers at once.</summary>
public sealed record BulkTransferRequest([property: MustSend] IReadOnlyList<Guid>? Ids, [property: MustSend] Guid? ToUserId, bool CascadeToContacts = false,
    bool CascadeToOpportunities = false, bool CascadeToContracts = false,
    [property: NullMeans("the previous owners leave"), WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? KeepPreviousOwnerAs = null)
{
    /// <summary>The options every customer's transfer takes (its id is set per customer).</summary>
    public Write.Customers.TransferCustomer Command() => new TransferRequest(ToUserId, CascadeToContacts, CascadeToOpportunities, CascadeToContracts,
        KeepPreviousOwnerAs).Command(Guid.Empty);
}

/// <summary>Put a customer into the public pool by hand.</summary>
public sealed record PutInPoolRequest(string? Reason);

/// <summary>An erasure of a customer's, lead's or contact's personal data (docs/event-store.md, "Erasure").</summary>
/// <param name="Reason">Why (the request's reference): required, at most 500 characters. Kept in the erasure event; put no personal data here.</param>
public sealed record ErasePersonalDataRequest([property: MustSend] string? Reason);

/// <summary>A customer's operation log, oldest first.</summary>
public sealed record CustomerHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);

internal static class ScopeExtensions
{
    public static OwnerScope ForQuery(this Write.Access.OwnerScope scope) =>
        scope.IsAll ? OwnerScope.Everyone : new OwnerScope(false, scope.Owners);
}
