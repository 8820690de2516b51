using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Opportunities;

namespace Crm.Write.Leads;

/// <summary>
/// Converting a lead (LEAD-5) as one decision: the new customer, optionally a contact under it and an
/// opportunity for it, and the lead's record of what it became, appended together so a lead is never
/// marked converted into a customer (or an opportunity) that does not exist.
/// </summary>
public static class LeadConversion
{
    /// <param name="customer">
    /// The customer to create, usually from <see cref="Lead.CustomerInputFrom"/> with the client's changes; its duplicates should exclude the lead itself.
    /// </param>
    /// <param name="contact">The contact to create under the customer, or null.</param>
    /// <param name="opportunity">
    /// The opportunity to create for the customer, or null: the opportunity decider's own create, with its customer, owner and lead
    /// filled in here; its refusals name their fields under "opportunity." (opportunity.lines[0].productId).
    /// </param>
    public static MultiStreamDecision Decide(LeadState lead, CreateCustomer customer, ContactInput? contact, Guid? contactId, CommandContext context,
        CreateOpportunity? opportunity = null)
    {
        var converted = Lead.Decide(new ConvertLead(lead.Id, customer.CustomerId, contact is null ? null : contactId, opportunity?.OpportunityId), lead,
            context);
        if (converted.Error is { } error) return error;
        if (converted.Events.Count == 0) return new MultiStreamDecision([], null);

        var created = Customer.Decide(customer with { LeadId = lead.Id }, CustomerState.None, context);
        if (created.Error is { } refused) return refused;
        var changes = new List<StreamChange> { new(customer.CustomerId, Customer.StreamType, created.Events) };

        if (contact is not null)
        {
            if (contactId is not { } id) return DomainError.Invalid("contactId", "contact_id_required", "A contact to create needs its id.");
            var person = Contact.Decide(
                new CreateContact(id, customer.CustomerId, contact, customer.OwnerId, CustomerExists: true), ContactState.None, context);
            if (person.Error is { } bad) return Under("contact", bad);
            changes.Add(new StreamChange(id, Contact.StreamType, person.Events));
        }
        if (opportunity is not null)
        {
            var deal = Opportunity.Decide(opportunity with { CustomerId = customer.CustomerId, OwnerId = customer.OwnerId, LeadId = lead.Id },
                OpportunityState.None, context);
            if (deal.Error is { } bad) return Under("opportunity", bad);
            changes.Add(new StreamChange(opportunity.OpportunityId, Opportunity.StreamType, deal.Events));
        }
        changes.Add(new StreamChange(lead.Id, Lead.StreamType, converted.Events));
        return new MultiStreamDecision(changes, null);
    }

    /// <summary>A refusal of a part of the conversion, its fields named under the part (contact.name, opportunity.lines[0].productId).</summary>
    private static DomainError Under(string part, DomainError error) => error with
    {
        Field = error.Field is null ? null : part + "." + error.Field,
        Errors = error.Errors.Select(e => e with { Field = part + "." + e.Field }).ToList(),
    };
}
