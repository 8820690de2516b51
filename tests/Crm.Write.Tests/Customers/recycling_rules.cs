using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class recycling_rules
{
    private static readonly RecyclingRule ThirtyDays = new(Guid.CreateVersion7(), "No follow-up for 30 days", 30, null, WarningDaysBefore: 5);

    private static Decision Apply(RecyclingRule rule, double onDay, CustomerState state, DateTimeOffset? lastDealAt = null) =>
        Customer.Decide(new ApplyRecyclingRule(Id, rule, lastDealAt), state, OnDay(onDay, Guid.Empty));

    [Fact]
    public void a_customer_without_follow_up_for_n_days_is_recycled_recording_the_rule()
    {
        ThenEvents(Apply(ThirtyDays, 30, Given(Created())),
            new CustomerRecycled(Id, Owner, ThirtyDays.Id, ThirtyDays.Name, 30, null, "No follow-up for 30 days.", Day0.AddDays(30)));
    }

    [Fact]
    public void a_customer_followed_up_recently_is_kept()
    {
        var state = Given(Created(), new CustomerFollowedUp(Id, Guid.CreateVersion7(), "log", "x", null, Day0.AddDays(20)));
        ThenNothing(Apply(ThirtyDays, 40, state));
        Single<CustomerRecycled>(Apply(ThirtyDays, 50, state));
    }

    [Fact]
    public void locked_customers_are_never_recycled()
    {
        ThenNothing(Apply(ThirtyDays, 365, Given(Created(), new CustomerLocked(Id))));
    }

    [Fact]
    public void customers_in_the_pool_are_not_recycled_again()
    {
        ThenNothing(Apply(ThirtyDays, 365, Given(Created(), new CustomerPutInPool(Id, Owner, null, Day0))));
    }

    [Fact]
    public void exempt_levels_are_never_recycled()
    {
        ThenNothing(Apply(ThirtyDays with { ExemptLevels = ["b"] }, 365, Given(Created())));
        Single<CustomerRecycled>(Apply(ThirtyDays with { ExemptLevels = ["A"] }, 365, Given(Created())));
    }

    [Fact]
    public void customers_with_deals_are_exempt_when_the_rule_says_so()
    {
        var rule = ThirtyDays with { ExemptCustomersWithDeals = true };
        ThenNothing(Apply(rule, 365, Given(Created()), lastDealAt: Day0.AddDays(1)));
        Single<CustomerRecycled>(Apply(rule, 365, Given(Created()), lastDealAt: null));
    }

    [Fact]
    public void a_customer_without_a_deal_for_m_days_is_recycled()
    {
        var rule = new RecyclingRule(Guid.CreateVersion7(), "No deal for 90 days", null, 90);
        ThenNothing(Apply(rule, 89, Given(Created())));
        Assert.Equal("No deal for 90 days.", Single<CustomerRecycled>(Apply(rule, 90, Given(Created()))).Reason);
        ThenNothing(Apply(rule, 150, Given(Created()), lastDealAt: Day0.AddDays(70)));
    }

    [Fact]
    public void with_both_periods_whichever_runs_out_first_recycles()
    {
        var rule = new RecyclingRule(Guid.CreateVersion7(), "Both", 30, 90);
        var followedUp = Given(Created(), new CustomerFollowedUp(Id, Guid.CreateVersion7(), "log", "x", null, Day0.AddDays(80)));
        Assert.Equal("No deal for 90 days.", Single<CustomerRecycled>(Apply(rule, 95, followedUp)).Reason);
        Assert.Equal("No follow-up for 30 days.", Single<CustomerRecycled>(Apply(rule, 35, Given(Created()))).Reason);
    }

    [Fact]
    public void the_owner_is_warned_the_warning_days_before()
    {
        ThenNothing(Apply(ThirtyDays, 24.9, Given(Created())));
        ThenEvents(Apply(ThirtyDays, 25, Given(Created())), new CustomerRecyclingWarned(Id, Owner, ThirtyDays.Id, Day0.AddDays(30)));
    }

    [Fact]
    public void a_warning_is_sent_once_per_cycle()
    {
        var warned = Given(Created(), new CustomerRecyclingWarned(Id, Owner, ThirtyDays.Id, Day0.AddDays(30)));
        ThenNothing(Apply(ThirtyDays, 27, warned));

        // A follow-up starts a new cycle, which gets its own warning.
        var followedUp = Given(Created(), new CustomerRecyclingWarned(Id, Owner, ThirtyDays.Id, Day0.AddDays(30)),
            new CustomerFollowedUp(Id, Guid.CreateVersion7(), "log", "x", null, Day0.AddDays(28)));
        ThenNothing(Apply(ThirtyDays, 29, followedUp));
        ThenEvents(Apply(ThirtyDays, 53, followedUp), new CustomerRecyclingWarned(Id, Owner, ThirtyDays.Id, Day0.AddDays(58)));
    }

    [Fact]
    public void a_new_owner_gets_the_full_period()
    {
        var claimed = Given(Created(), new CustomerPutInPool(Id, Owner, null, Day0.AddDays(1)), new CustomerClaimed(Id, Other, Day0.AddDays(100)));
        ThenNothing(Apply(ThirtyDays, 110, claimed));
        Assert.Equal(Other, Single<CustomerRecycled>(Apply(ThirtyDays, 130, claimed)).PreviousOwnerId);
    }

    [Fact]
    public void a_rule_needs_a_period_and_a_warning_shorter_than_it()
    {
        Assert.Empty(ThirtyDays.Check());
        Assert.Contains(new RecyclingRule(Guid.CreateVersion7(), "none", null, null).Check(), e => e.Code == "rule_needs_days");
        Assert.Contains((ThirtyDays with { WarningDaysBefore = 30 }).Check(), e => e.Field == "warningDaysBefore");
        Assert.Contains((ThirtyDays with { DaysWithoutFollowUp = 0 }).Check(), e => e.Field == "daysWithoutFollowUp");
    }
}
