using Crm.Host.Platform;
using Crm.Projections.Contacts;
using Crm.Projections.Org;
using Crm.Write.Contacts;

namespace Crm.Host.Contacts;

/// <summary>A new contact of a customer (CUS-8).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="CustomerId">The customer: one you can see and edit (else 422 naming customerId). The contact's owner is the customer's owner.</param>
/// <param name="Name">Required, at most 100 characters.</param>
public sealed record CreateContactRequest(Guid? Id, [property: MustSend] Guid? CustomerId, [property: MustSend] string? Name, string? Title,
    string? Phone, string? Email, string? Address, string? Remark)
{
    public ContactInput Input() => new(Name, Title, Phone, Email, Address, Remark);
}

/// <summary>Fields to change: only the ones sent change; an empty string clears one.</summary>
public sealed record UpdateContactRequest(string? Name, string? Title, string? Phone, string? Email, string? Address, string? Remark)
{
    public ContactInput Input() => new(Name, Title, Phone, Email, Address, Remark);
}

/// <summary>A contact.</summary>
/// <param name="Version">Its stream version; the same value as the ETag.</param>
public sealed record ContactResponse(
    Guid Id, Guid CustomerId, string Name, string? Title, string? Phone, string? Email, string? Address, string? Remark, Guid OwnerId,
    DateTimeOffset? LastFollowUpAt, DateTimeOffset? NextContactAt, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ContactResponse From(ContactRow r) => new(r.Id, r.CustomerId, r.Fields.Name, r.Fields.Title, r.Fields.Phone, r.Fields.Email,
        r.Fields.Address, r.Fields.Remark, r.OwnerId, r.LastFollowUpAt, r.NextContactAt, r.Version, r.CreatedAt, r.UpdatedAt);
}

/// <summary>One page of contacts.</summary>
public sealed record ContactListResponse(IReadOnlyList<ContactResponse> Items, string? NextCursor);

/// <summary>A search over contacts with a JSON filter tree (fields: name, title, phone, email, customerId, ownerId, createdAt …).</summary>
public sealed record ContactSearchRequest(System.Text.Json.JsonElement? Filter, string? Q, [property: SortKey] string? Sort, int? Limit, string? Cursor);

/// <summary>A transfer of one contact to another owner.</summary>
/// <param name="ToUserId">An enabled user inside your contact.transfer data scope.</param>
public sealed record ContactTransferRequest([property: MustSend] Guid? ToUserId);

/// <summary>A contact's operation log, oldest first.</summary>
public sealed record ContactHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
