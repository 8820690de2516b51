using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class transferring_a_customer
{
    private static readonly Guid NewOwner = Guid.CreateVersion7();
    private static readonly Guid Contact1 = Guid.CreateVersion7();
    private static readonly Guid Contact2 = Guid.CreateVersion7();

    [Fact]
    public void a_transfer_records_the_new_and_previous_owner()
    {
        ThenEvents(Customer.Decide(new TransferCustomer(Id, NewOwner, ContactIds: [Contact1]), Given(Created()), As(Owner)),
            new CustomerTransferred(Id, NewOwner, Owner, false, false, false, [], null, Now));
    }

    [Fact]
    public void transfer_with_cascade_moves_the_contacts()
    {
        var decision = Customer.Decide(new TransferCustomer(Id, NewOwner, CascadeToContacts: true, ContactIds: [Contact1, Contact2]), Given(Created()), As(Owner));
        var transferred = Single<CustomerTransferred>(decision);
        Assert.Equal([Contact1, Contact2], transferred.ContactIds);

        // The caller appends each listed contact's decision in the same transaction.
        var contact = Contact.Decider.Fold(ContactState.None, [new ContactCreated(Contact1, Id, new ContactFields("Li Lei"), Owner)]);
        ThenEvents(Contact.Decide(new FollowCustomerTransfer(Contact1, Id, NewOwner), contact, As(Owner)),
            new ContactTransferred(Contact1, NewOwner, Owner, true));
    }

    [Fact]
    public void the_opportunity_and_contract_cascade_options_are_kept_in_the_event()
    {
        var transferred = Single<CustomerTransferred>(Customer.Decide(
            new TransferCustomer(Id, NewOwner, CascadeToOpportunities: true, CascadeToContracts: true), Given(Created()), As(Owner)));
        Assert.True(transferred.CascadeToOpportunities && transferred.CascadeToContracts);
    }

    [Theory]
    [InlineData(TeamAccess.Read)]
    [InlineData(TeamAccess.ReadWrite)]
    public void the_previous_owner_can_stay_as_a_team_member(string access)
    {
        var decision = Customer.Decide(new TransferCustomer(Id, NewOwner, KeepPreviousOwnerAs: access), Given(Created()), As(Owner));
        ThenEvents(decision, new CustomerTransferred(Id, NewOwner, Owner, false, false, false, [], access, Now), new CustomerTeamMemberAdded(Id, Owner, access));
        Assert.Equal(access, Given([Created(), .. decision.Events]).Team[Owner]);
    }

    [Fact]
    public void a_new_owner_who_was_on_the_team_leaves_it()
    {
        var state = Given(Created(), new CustomerTeamMemberAdded(Id, NewOwner, TeamAccess.ReadWrite));
        ThenEvents(Customer.Decide(new TransferCustomer(Id, NewOwner), state, As(Owner)),
            new CustomerTeamMemberRemoved(Id, NewOwner, TeamAccess.ReadWrite), new CustomerTransferred(Id, NewOwner, Owner, false, false, false, [], null, Now));
    }

    [Fact]
    public void a_transfer_to_the_current_owner_changes_nothing()
    {
        ThenNothing(Customer.Decide(new TransferCustomer(Id, Owner), Given(Created()), As(Owner)));
    }

    [Fact]
    public void a_customer_in_the_pool_is_not_transferred()
    {
        ThenRefused(Customer.Decide(new TransferCustomer(Id, NewOwner), Given(Created(), new CustomerPutInPool(Id, Owner, null, Day0)), As(Owner)),
            ErrorKind.Conflict, "customer_in_pool");
    }

    [Fact]
    public void a_contact_of_another_customer_does_not_follow_the_transfer()
    {
        var contact = Contact.Decider.Fold(ContactState.None, [new ContactCreated(Contact1, Guid.CreateVersion7(), new ContactFields("X"), Owner)]);
        ThenRefused(Contact.Decide(new FollowCustomerTransfer(Contact1, Id, NewOwner), contact, As(Owner)), ErrorKind.Conflict, "contact_of_another_customer");
    }
}
