using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Opportunities;

namespace Crm.Write.Leads;

/// <summary>A new lead as the caller asks for it; the handler finds the duplicates and checks the owner.</summary>
/// <param name="LeadId">Client-chosen id, or null for a fresh one.</param>
/// <param name="OwnerId">Who receives it; null: the caller.</param>
public sealed record AddLead(Guid? LeadId, LeadInput Fields, Guid? OwnerId, bool CreateAnyway);

/// <summary>A follow-up on a lead; <paramref name="FollowUpId"/> is the client's choice when not null.</summary>
public sealed record AddLeadFollowUp(Guid LeadId, Guid? FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

/// <summary>Convert a lead (LEAD-5): the customer's fields come from the lead, overridden by <paramref name="Customer"/>.</summary>
/// <param name="CustomerId">Client-chosen id of the new customer, or null for a fresh one.</param>
/// <param name="Contact">A contact to create under the customer; null for none.</param>
/// <param name="Opportunity">An opportunity to create for the customer; null for none (asking for one needs opportunity.create).</param>
public sealed record ConvertLeadIntoCustomer(
    Guid LeadId, Guid? CustomerId, CustomerOverrides? Customer, ContactInput? Contact, Guid? ContactId, bool CreateAnyway,
    ConversionOpportunity? Opportunity = null);

/// <summary>The opportunity a conversion creates (LEAD-5): owned by the new customer's owner, at its pipeline's first stage.</summary>
/// <param name="OpportunityId">Client-chosen id, or null for a fresh one.</param>
/// <param name="Currency">Null: the first line's product currency; required when there are no lines.</param>
/// <param name="Amount">Null: the lines' total; a number sets the amount by hand.</param>
/// <param name="PipelineId">Null: the default pipeline.</param>
public sealed record ConversionOpportunity(
    Guid? OpportunityId, OpportunityInput Fields, IReadOnlyList<SentLine> Lines, string? Currency, decimal? Amount, Guid? PipelineId);

/// <summary>Customer fields that override what a conversion takes from the lead (null: take the lead's).</summary>
public sealed record CustomerOverrides(
    string? Name, string? Level, string? Industry, string? Source, string? Region, string? Address, string? Phone,
    string? Email, string? Website, string? Remark, IReadOnlyList<string>? Tags)
{
    public CustomerInput Over(CustomerInput from) => new(
        Name ?? from.Name, Level ?? from.Level, Industry ?? from.Industry, Source ?? from.Source, Region ?? from.Region,
        Address ?? from.Address, Phone ?? from.Phone, Email ?? from.Email, Website ?? from.Website, Remark ?? from.Remark, Tags ?? from.Tags);
}

/// <summary>How a conversion ended: the lead's version afterwards and what it became, or a refusal.</summary>
public sealed record ConversionOutcome(long Version, Guid CustomerId, Guid? ContactId, bool Replayed, DomainError? Error, Guid? OpportunityId = null)
{
    public static ConversionOutcome Refused(DomainError error) => new(0, Guid.Empty, null, false, error);
}
