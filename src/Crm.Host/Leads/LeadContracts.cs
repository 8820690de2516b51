using Crm.Write;
using Crm.Host.Platform;
using System.Text.Json;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;
using OpportunityLineRequest = Crm.Host.Opportunities.OpportunityLineRequest;

namespace Crm.Host.Leads;

/// <summary>A new lead (LEAD-1).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">The person's name, 1 to 100 characters.</param>
/// <param name="Company">The company the lead works for; a conversion names the customer after it.</param>
/// <param name="OwnerId">Who owns the lead; defaults to the caller. Must be inside the caller's lead.create scope.</param>
/// <param name="CreateAnyway">Create it even though leads or customers with the same name, phone or e-mail exist.</param>
public sealed record CreateLeadRequest(
    Guid? Id, [property: MustSend] string? Name, string? Company, string? Phone, string? Email, string? Source, string? Industry,
    string? Level, string? Address, string? Remark, Guid? OwnerId, bool? CreateAnyway)
{
    public LeadInput Input() => new(Name, Company, Phone, Email, Source, Industry, Level, Address, Remark);
}

/// <summary>Fields to change: only the fields sent (non-null) change; an empty string clears one (except name).</summary>
public sealed record UpdateLeadRequest(
    string? Name, string? Company, string? Phone, string? Email, string? Source, string? Industry, string? Level, string? Address, string? Remark)
{
    public LeadInput Input() => new(Name, Company, Phone, Email, Source, Industry, Level, Address, Remark);
}

/// <summary>A follow-up record (LEAD-2).</summary>
/// <param name="Id">Optional client-chosen id of the follow-up.</param>
/// <param name="Kind">phone, email, visit, sms, chat or other.</param>
/// <param name="Content">What happened, 1 to 2000 characters.</param>
/// <param name="NextContactAt">When to contact the lead next (lands in the owner's schedule).</param>
public sealed record LeadFollowUpRequest(
    Guid? Id, [property: MustSend, WireValues(typeof(FollowUpRules), nameof(FollowUpRules.LeadKinds))] string? Kind,
        [property: MustSend] string? Content, DateTimeOffset? NextContactAt);

/// <summary>Transfer a lead to another owner (LEAD-4).</summary>
public sealed record TransferLeadRequest([property: MustSend] Guid? OwnerId);

/// <summary>Transfer many leads to one owner; the answer reports each id.</summary>
public sealed record BulkTransferLeadsRequest([property: MustSend] IReadOnlyList<Guid>? Ids, [property: MustSend] Guid? OwnerId);

/// <summary>Put a lead into the lead pool (LEAD-7).</summary>
public sealed record PutLeadInPoolRequest(string? Reason);

/// <summary>Customer fields that override what a conversion takes from the lead (null: take the lead's).</summary>
public sealed record ConversionCustomerFields(
    string? Name, string? Level, string? Industry, string? Source, string? Region, string? Address, string? Phone,
    string? Email, string? Website, string? Remark, IReadOnlyList<string>? Tags)
{
    public CustomerOverrides Overrides() => new(Name, Level, Industry, Source, Region, Address, Phone, Email, Website, Remark, Tags);
}

/// <summary>A contact to create under the new customer.</summary>
public sealed record ConversionContactFields(string? Name, string? Title, string? Phone, string? Email, string? Address, string? Remark)
{
    public ContactInput Input() => new(Name, Title, Phone, Email, Address, Remark);
}

/// <summary>An opportunity to create for the new customer (LEAD-5), as POST /api/opportunities takes one but without customer and owner.</summary>
/// <param name="Id">Optional client-chosen id of the opportunity.</param>
/// <param name="ExpectedCloseDate">yyyy-MM-dd.</param>
/// <param name="Lines">Product lines: on-shelf products only; the amount is their total unless amount is sent.</param>
/// <param name="Currency">ISO 4217; default: the first line's product currency (required without lines).</param>
/// <param name="Amount">Sets the amount by hand (2 decimal places).</param>
/// <param name="PipelineId">Default: the default pipeline.</param>
public sealed record ConversionOpportunityFields(
    Guid? Id, [property: MustSend] string? Name, string? ExpectedCloseDate, string? Source, string? Remark, JsonElement? Custom,
    IReadOnlyList<OpportunityLineRequest>? Lines, string? Currency, decimal? Amount, Guid? PipelineId)
{
    public ConversionOpportunity Input() => new(Id, new OpportunityInput(Name, ExpectedCloseDate, Source, Remark, Custom),
        OpportunityLineRequest.Lines(Lines), Currency, Amount, PipelineId);
}

/// <summary>Convert a lead into a customer (LEAD-5), optionally with a contact and an opportunity, in one transaction.</summary>
/// <param name="CustomerId">Optional client-chosen id of the new customer.</param>
/// <param name="Customer">Overrides of the customer fields taken from the lead (name from company, else the lead's name).</param>
/// <param name="Contact">A contact to create under the customer; leave out for none.</param>
/// <param name="ContactId">Optional client-chosen id of the contact.</param>
/// <param name="CreateAnyway">Convert even though customers with the same name, phone or e-mail exist.</param>
/// <param name="Opportunity">An opportunity to create for the new customer; leave out for none (sending one needs opportunity.create).</param>
public sealed record ConvertLeadRequest(Guid? CustomerId, ConversionCustomerFields? Customer, ConversionContactFields? Contact, Guid? ContactId,
    bool? CreateAnyway, ConversionOpportunityFields? Opportunity = null);

/// <summary>Convert many leads; each becomes a customer (and, with withContact, a contact named after the lead's person).</summary>
public sealed record BulkConvertLeadsRequest([property: MustSend] IReadOnlyList<Guid>? Ids, bool? WithContact, bool? CreateAnyway);

/// <summary>A rich lead search: the filter tree of a scene, sort, free text and paging.</summary>
/// <param name="Filter">{"and":[{"field":"source","op":"eq","value":"campaign"}]}; fields: name, company, phone, email, source, industry, level,
/// address, remark, ownerId, departmentId, convertedCustomerId, converted, inPool, createdAt, updatedAt, lastFollowUpAt, nextContactAt.</param>
/// <param name="Sort">updatedAt, createdAt or name; prefix - for descending. Default -updatedAt.</param>
public sealed record LeadSearchRequest(JsonElement? Filter, [property: SortKey] string? Sort, string? Q, int? Limit, string? Cursor, bool? IncludeTotal);

/// <summary>A lead as the API shows it; version is the ETag.</summary>
public sealed record LeadResponse(
    Guid Id, string Name, string? Company, string? Phone, string? Email, string? Source, string? Industry, string? Level,
    string? Address, string? Remark, Guid? OwnerId, bool InPool, Guid? ConvertedCustomerId, Guid? ConvertedContactId,
    DateTimeOffset? ConvertedAt, DateTimeOffset? LastFollowUpAt, DateTimeOffset? NextContactAt, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static LeadResponse From(LeadRow r) => new(
        r.Id, r.Fields.Name, r.Fields.Company, r.Fields.Phone, r.Fields.Email, r.Fields.Source, r.Fields.Industry, r.Fields.Level,
        r.Fields.Address, r.Fields.Remark, r.OwnerId, r.OwnerId is null, r.ConvertedCustomerId, r.ConvertedContactId,
        r.ConvertedAt, r.LastFollowUpAt, r.NextContactAt, r.Version, r.CreatedAt, r.UpdatedAt);
}

public sealed record LeadListResponse(IReadOnlyList<LeadResponse> Items, string? NextCursor, long? Total);

public sealed record LeadHistoryResponse(Guid Id, IReadOnlyList<Crm.Projections.Org.HistoryEntry> Items);

public sealed record LeadFollowUpResponse(
    Guid Id, Guid RecordId, [property: WireValues(typeof(FollowUpRules), nameof(FollowUpRules.LeadKinds))] string Kind, string Content,
        DateTimeOffset? NextContactAt, DateTimeOffset CreatedAt, Guid? CreatedBy)
{
    public static LeadFollowUpResponse From(FollowUpRow r) => new(r.Id, r.RecordId, r.Kind, r.Content, r.NextContactAt, r.CreatedAt, r.CreatedBy);
}

public sealed record LeadFollowUpListResponse(IReadOnlyList<LeadFollowUpResponse> Items, string? NextCursor);

/// <summary>What a conversion made: the closed lead and the new customer (and contact, and opportunity).</summary>
public sealed record ConvertLeadResponse(LeadResponse Lead, Guid CustomerId, Guid? ContactId, Guid? OpportunityId);
