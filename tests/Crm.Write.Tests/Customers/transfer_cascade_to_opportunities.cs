using Crm.Events;
using Crm.Events.Customers;
using Crm.Events.Sales;
using Crm.Write.Customers;
using Crm.Write.Opportunities;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;
using Spec = Crm.Write.Tests.Opportunities.OpportunitySpecification;

namespace Crm.Write.Tests.Customers;

public sealed class transfer_cascade_to_opportunities
{
    private static readonly Guid NewOwner = Guid.CreateVersion7();
    private static readonly Guid Colleague = Guid.CreateVersion7();

    private static OpportunityState OpportunityOf(Guid customer, Guid owner, params Func<Guid, object>[] then)
    {
        var id = Guid.CreateVersion7();
        object[] created = [Spec.Created() with { OpportunityId = id, CustomerId = customer, OwnerId = owner }];
        return Opportunity.Decider.Fold(OpportunityState.None, [.. created, .. then.Select(e => e(id))]);
    }

    private static Func<Guid, object> WonEvent => id => new OpportunityWon(id, Id, Spec.Snap(Spec.Initial), Spec.Snap(Spec.Won), Money.Zero("CNY"), Spec.At);

    [Fact]
    public void the_open_opportunities_of_the_previous_owner_move_with_the_customer_in_one_set_of_changes()
    {
        var (mine, won, colleagues, deleted) = (OpportunityOf(Id, Owner), OpportunityOf(Id, Owner, WonEvent), OpportunityOf(Id, Colleague),
            OpportunityOf(Id, Owner, id => new OpportunityDeleted(id)));
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToOpportunities: true), Given(Created()), [], As(Owner),
            [mine, won, colleagues, deleted]);
        Assert.Null(decision.Error);
        Assert.Equal([(Id, Customer.StreamType), (mine.Id, Opportunity.StreamType)], decision.Changes.Select(c => (c.StreamId, c.StreamType)));
        Assert.Equal([mine.Id], Assert.IsType<CustomerTransferred>(decision.Changes[0].Events[0]).OpportunityIds);
        Assert.Equal(new OpportunityTransferred(mine.Id, NewOwner, Owner, null, Id, Now), Assert.Single(decision.Changes[1].Events));
    }

    [Fact]
    public void without_the_cascade_the_opportunities_stay_and_the_event_names_none()
    {
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner), Given(Created()), [], As(Owner), [OpportunityOf(Id, Owner)]);
        Assert.Null(Assert.IsType<CustomerTransferred>(Assert.Single(decision.Changes).Events[0]).OpportunityIds);
    }

    [Fact]
    public void the_previous_owner_kept_on_the_customers_team_is_kept_on_each_moved_opportunity_and_the_new_owner_leaves_its_team()
    {
        var deal = OpportunityOf(Id, Owner, id => new OpportunityTeamMemberAdded(id, NewOwner, TeamAccess.Read));
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToOpportunities: true, KeepPreviousOwnerAs: TeamAccess.Read),
            Given(Created()), [], As(Owner), [deal]);
        Assert.Equal([new OpportunityTeamMemberRemoved(deal.Id, NewOwner, TeamAccess.Read),
            new OpportunityTransferred(deal.Id, NewOwner, Owner, TeamAccess.Read, Id, Now), new OpportunityTeamMemberAdded(deal.Id, Owner, TeamAccess.Read)],
            decision.Changes[1].Events);
    }

    [Fact]
    public void an_opportunity_of_another_customer_never_moves()
    {
        var other = OpportunityOf(Guid.CreateVersion7(), Owner);
        ThenNothing(Opportunity.Decide(new MoveOpportunityWithCustomer(other.Id, Id, Owner, NewOwner, null), other, As(Owner)));
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToOpportunities: true), Given(Created()), [], As(Owner), [other]);
        Assert.Empty(Assert.IsType<CustomerTransferred>(Assert.Single(decision.Changes).Events[0]).OpportunityIds!);
    }

    [Fact]
    public void a_refused_customer_transfer_moves_nothing()
    {
        var decision = CustomerTransfer.Decide(new TransferCustomer(Id, NewOwner, CascadeToOpportunities: true, KeepPreviousOwnerAs: "owner"),
            Given(Created()), [], As(Owner), [OpportunityOf(Id, Owner)]);
        Assert.Equal("access_invalid", decision.Error?.Code);
        Assert.Empty(decision.Changes);
    }
}
