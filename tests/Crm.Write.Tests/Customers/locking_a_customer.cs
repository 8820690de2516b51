using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class locking_a_customer
{
    [Fact]
    public void a_customer_is_locked_and_unlocked()
    {
        ThenEvents(Customer.Decide(new LockCustomer(Id), Given(Created()), As(Owner)), new CustomerLocked(Id));
        ThenEvents(Customer.Decide(new UnlockCustomer(Id), Given(Created(), new CustomerLocked(Id)), As(Owner)), new CustomerUnlocked(Id));
    }

    [Fact]
    public void locking_a_locked_customer_or_unlocking_an_unlocked_one_changes_nothing()
    {
        ThenNothing(Customer.Decide(new LockCustomer(Id), Given(Created(), new CustomerLocked(Id)), As(Owner)));
        ThenNothing(Customer.Decide(new UnlockCustomer(Id), Given(Created()), As(Owner)));
    }

    [Fact]
    public void a_locked_customer_cannot_be_put_into_the_pool_by_hand()
    {
        ThenRefused(Customer.Decide(new PutCustomerInPool(Id, null), Given(Created(), new CustomerLocked(Id)), As(Owner)), ErrorKind.Conflict, "customer_locked");
    }

    [Fact]
    public void a_customer_that_does_not_exist_is_not_found()
    {
        ThenRefused(Customer.Decide(new LockCustomer(Id), Given(), As(Owner)), ErrorKind.NotFound, "customer_not_found");
    }
}
