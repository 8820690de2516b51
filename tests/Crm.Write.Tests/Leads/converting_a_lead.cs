using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Leads;

public sealed class converting_a_lead
{
    private static readonly Guid LeadId = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Guid CustomerId = Guid.CreateVersion7();
    private static readonly Guid ContactId = Guid.CreateVersion7();
    private static readonly LeadState Open = Lead.Decider.Fold(LeadState.None, [new LeadCreated(LeadId, new LeadFields("Wang Fang", "Acme Ltd", Email: "wang@acme.example"), Owner)]);

    private static CreateCustomer CustomerFrom(LeadState lead) => new(CustomerId, Lead.CustomerInputFrom(lead), Owner);

    [Fact]
    public void a_conversion_creates_the_customer_and_contact_and_marks_the_lead_in_one_set_of_changes()
    {
        var decision = LeadConversion.Decide(Open, CustomerFrom(Open), new ContactInput("Wang Fang", Email: "wang@acme.example"), ContactId, As(Owner));
        Assert.Null(decision.Error);
        Assert.Equal([CustomerId, ContactId, LeadId], decision.Changes.Select(c => c.StreamId));
        var customer = Assert.IsType<CustomerCreated>(Assert.Single(decision.Changes[0].Events));
        Assert.Equal(("Acme Ltd", (Guid?)LeadId), (customer.Fields.Name, customer.LeadId));
        Assert.Equal(CustomerId, Assert.IsType<ContactCreated>(Assert.Single(decision.Changes[1].Events)).CustomerId);
        Assert.Equal(new LeadConverted(LeadId, CustomerId, ContactId), Assert.Single(decision.Changes[2].Events));
    }

    [Fact]
    public void a_conversion_without_a_contact_records_only_the_customer()
    {
        var decision = LeadConversion.Decide(Open, CustomerFrom(Open), null, ContactId, As(Owner));
        Assert.Equal([CustomerId, LeadId], decision.Changes.Select(c => c.StreamId));
        Assert.Equal(new LeadConverted(LeadId, CustomerId, null), Assert.Single(decision.Changes[1].Events));
    }

    [Fact]
    public void a_bad_contact_refuses_the_whole_conversion_naming_the_contact_field()
    {
        var decision = LeadConversion.Decide(Open, CustomerFrom(Open), new ContactInput(""), ContactId, As(Owner));
        Assert.Equal(("contact.name", ErrorKind.Validation), (decision.Error?.Field, decision.Error!.Kind));
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void a_converted_lead_cannot_be_converted_into_another_customer()
    {
        var converted = Lead.Decider.Fold(Open, [new LeadConverted(LeadId, Guid.CreateVersion7(), null)]);
        Assert.Equal("lead_converted", LeadConversion.Decide(converted, CustomerFrom(converted), null, null, As(Owner)).Error?.Code);
    }
}
