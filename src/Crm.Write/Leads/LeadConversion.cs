using Crm.Write.Contacts;
using Crm.Write.Customers;

namespace Crm.Write.Leads;

/// <summary>
/// Converting a lead (LEAD-5) as one decision: the new customer, optionally a contact under it, and
/// the lead's record of what it became, appended together so a lead is never marked converted into
/// a customer that does not exist.
/// </summary>
public static class LeadConversion
{
    /// <param name="customer">
    /// The customer to create, usually from <see cref="Lead.CustomerInputFrom"/> with the client's changes; its duplicates should exclude the lead itself.
    /// </param>
    /// <param name="contact">The contact to create under the customer, or null.</param>
    public static MultiStreamDecision Decide(LeadState lead, CreateCustomer customer, ContactInput? contact, Guid? contactId, CommandContext context)
    {
        var converted = Lead.Decide(new ConvertLead(lead.Id, customer.CustomerId, contact is null ? null : contactId), lead, context);
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
            if (person.Error is { } bad)
                return bad with { Field = "contact." + bad.Field, Errors = bad.Errors.Select(e => e with { Field = "contact." + e.Field }).ToList() };
            changes.Add(new StreamChange(id, Contact.StreamType, person.Events));
        }
        changes.Add(new StreamChange(lead.Id, Lead.StreamType, converted.Events));
        return new MultiStreamDecision(changes, null);
    }
}
