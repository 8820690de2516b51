using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class transfer_cascade_as_one_decision
{
    private static readonly Guid NewOwner = Guid.CreateVersion7();

    private static ContactState ContactOf(Guid customer, Guid owner)
    {
        var id = Guid.CreateVersion7();
        return Contact.Decider.Fold(ContactState.None, [new ContactCreated(id, customer, new ContactFields("C"), owner)]);
    }

    [Fact]
    public void transfer_with_cascade_moves_the_customer_and_every_contact_in_one_set_of_changes()
    {
        var (c1, c2) = (ContactOf(Id, Owner), ContactOf(Id, Owner));
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToContacts: true), Given(Created()), [c1, c2], As(Owner));
        Assert.Null(decision.Error);
        Assert.Equal([(Id, Customer.StreamType), (c1.Id, Contact.StreamType), (c2.Id, Contact.StreamType)], decision.Changes.Select(c => (c.StreamId, c.StreamType)));
        Assert.Equal([c1.Id, c2.Id], Assert.IsType<CustomerTransferred>(decision.Changes[0].Events[0]).ContactIds);
        Assert.All(decision.Changes.Skip(1), c => Assert.Equal(NewOwner, Assert.IsType<ContactTransferred>(Assert.Single(c.Events)).OwnerId));
    }

    [Fact]
    public void without_the_cascade_the_contacts_stay()
    {
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner), Given(Created()), [ContactOf(Id, Owner)], As(Owner));
        Assert.Equal(Id, Assert.Single(decision.Changes).StreamId);
    }

    [Fact]
    public void a_contact_already_with_the_new_owner_gets_no_event()
    {
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToContacts: true), Given(Created()),
            [ContactOf(Id, NewOwner), ContactOf(Id, Owner)], As(Owner));
        Assert.Equal(2, decision.Changes.Count);
    }

    [Fact]
    public void a_refused_transfer_changes_no_stream()
    {
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToContacts: true),
            Given(Created(), new CustomerPutInPool(Id, Owner, null, Day0)), [ContactOf(Id, Owner)], As(Owner));
        Assert.Equal("customer_in_pool", decision.Error?.Code);
        Assert.Empty(decision.Changes);
    }
}
