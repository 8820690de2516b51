using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class public_pool
{
    private static readonly CustomerPutInPool PutInPoolOnDay10 = new(Id, Owner, "no budget", Day0.AddDays(10));

    private static ClaimCustomer Claim(int owned = 0, int? limit = 50, int cooldown = 30) => new(Id, owned, limit, cooldown);

    [Fact]
    public void the_owner_puts_a_customer_into_the_pool_by_hand()
    {
        ThenEvents(Customer.Decide(new PutCustomerInPool(Id, " no budget "), Given(Created()), OnDay(10)), PutInPoolOnDay10);
        Assert.True(Given(Created(), PutInPoolOnDay10).InPool);
    }

    [Fact]
    public void a_customer_already_in_the_pool_is_not_put_in_again()
    {
        ThenNothing(Customer.Decide(new PutCustomerInPool(Id, null), Given(Created(), PutInPoolOnDay10), OnDay(11)));
    }

    [Fact]
    public void a_user_claims_a_customer_from_the_pool()
    {
        ThenEvents(Customer.Decide(Claim(), Given(Created(), PutInPoolOnDay10), OnDay(11, Other)), new CustomerClaimed(Id, Other, Day0.AddDays(11)));
    }

    [Fact]
    public void claim_is_refused_at_the_limit()
    {
        ThenRefused(Customer.Decide(Claim(owned: 50, limit: 50), Given(Created(), PutInPoolOnDay10), OnDay(11, Other)), ErrorKind.Conflict, "claim_limit_reached");
        Single<CustomerClaimed>(Customer.Decide(Claim(owned: 49, limit: 50), Given(Created(), PutInPoolOnDay10), OnDay(11, Other)));
    }

    [Fact]
    public void without_a_limit_any_number_of_customers_can_be_claimed()
    {
        Single<CustomerClaimed>(Customer.Decide(Claim(owned: 10_000, limit: null), Given(Created(), PutInPoolOnDay10), OnDay(11, Other)));
    }

    [Fact]
    public void a_previous_owner_cannot_claim_back_within_the_cooldown()
    {
        ThenRefused(Customer.Decide(Claim(cooldown: 30), Given(Created(), PutInPoolOnDay10), OnDay(39.9)), ErrorKind.Conflict, "claim_cooldown");
    }

    [Fact]
    public void a_previous_owner_can_claim_back_after_the_cooldown()
    {
        ThenEvents(Customer.Decide(Claim(cooldown: 30), Given(Created(), PutInPoolOnDay10), OnDay(40)), new CustomerClaimed(Id, Owner, Day0.AddDays(40)));
    }

    [Fact]
    public void the_cooldown_also_follows_a_recycling_and_counts_from_the_latest_loss()
    {
        var recycled = new CustomerRecycled(Id, Owner, Guid.CreateVersion7(), "30 days", 30, null, "No follow-up for 30 days.", Day0.AddDays(100));
        var state = Given(Created(), PutInPoolOnDay10, new CustomerClaimed(Id, Owner, Day0.AddDays(50)), recycled);
        ThenRefused(Customer.Decide(Claim(cooldown: 30), state, OnDay(120)), ErrorKind.Conflict, "claim_cooldown");
        Single<CustomerClaimed>(Customer.Decide(Claim(cooldown: 30), state, OnDay(120, Other)));
    }

    [Fact]
    public void an_owned_customer_cannot_be_claimed()
    {
        ThenRefused(Customer.Decide(Claim(), Given(Created()), OnDay(1, Other)), ErrorKind.Conflict, "customer_not_in_pool");
    }

    [Fact]
    public void a_claim_needs_a_signed_in_claimant()
    {
        ThenRefused(Customer.Decide(Claim(), Given(Created(), PutInPoolOnDay10), new CommandContext(null, Day0.AddDays(11))), ErrorKind.Unprocessable, "claimant_unknown");
    }

    [Fact]
    public void a_team_member_who_claims_the_customer_leaves_the_team()
    {
        var state = Given(Created(), new CustomerTeamMemberAdded(Id, Other, TeamAccess.Read), PutInPoolOnDay10);
        ThenEvents(Customer.Decide(Claim(), state, OnDay(11, Other)),
            new CustomerTeamMemberRemoved(Id, Other, TeamAccess.Read), new CustomerClaimed(Id, Other, Day0.AddDays(11)));
    }

    [Fact]
    public void a_superior_assigns_a_pool_customer_to_a_user_in_scope()
    {
        var boss = Guid.CreateVersion7();
        ThenEvents(Customer.Decide(new AssignCustomer(Id, Other), Given(Created(), PutInPoolOnDay10), OnDay(11, boss)),
            new CustomerAssigned(Id, Other, boss, Day0.AddDays(11)));
    }

    [Fact]
    public void only_pool_customers_are_assigned()
    {
        ThenRefused(Customer.Decide(new AssignCustomer(Id, Other), Given(Created()), OnDay(11)), ErrorKind.Conflict, "customer_not_in_pool");
    }
}
