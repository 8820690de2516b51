using Crm.Events;
using Crm.Events.Customers;
using Crm.Events.Sales;
using Crm.Projections.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

public sealed class recycling_candidates(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task candidates_are_owned_unlocked_non_exempt_customers_past_the_warning_day()
    {
        var owner = Guid.CreateVersion7();
        var stale = await db.GivenCustomerAsync(new CustomerFields("Stale", Level: "B"), owner);
        var followedUpRecently = await db.GivenCustomerAsync(new CustomerFields("Recent"), owner,
            (Func<Guid, object>)(id => new CustomerFollowedUp(id, Guid.CreateVersion7(), "log", "x", null, Day0.AddDays(29))));
        var locked = await db.GivenCustomerAsync(new CustomerFields("Locked"), owner, (Func<Guid, object>)(id => new CustomerLocked(id)));
        var exempt = await db.GivenCustomerAsync(new CustomerFields("Exempt", Level: "A"), owner);
        var pooled = await db.GivenCustomerAsync(new CustomerFields("Pooled"), owner, (Func<Guid, object>)(id => new CustomerPutInPool(id, owner, null, Day0)));

        var search = new RecyclingSearch(30, null, 5, ["a"]);
        var now = Day0.AddDays(26);
        var found = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            var batch = await new RecyclingCandidates(db.Database.DataSource).NextAsync(search, now, after, 2);
            if (batch.Count == 0) break;
            found.AddRange(batch);
            after = batch[^1];
        }
        Assert.Contains(stale, found);
        Assert.DoesNotContain(followedUpRecently, found);
        Assert.DoesNotContain(locked, found);
        Assert.DoesNotContain(exempt, found);
        Assert.DoesNotContain(pooled, found);
        Assert.DoesNotContain(stale, await new RecyclingCandidates(db.Database.DataSource).NextAsync(search, Day0.AddDays(24), null, 100));
    }

    [Fact]
    public async Task a_rule_on_deals_counts_from_the_last_opportunity_still_won()
    {
        var owner = Guid.CreateVersion7();
        var neverWon = await db.GivenCustomerAsync(new CustomerFields("Never won"), owner);
        var wonLately = await db.GivenCustomerAsync(new CustomerFields("Won lately"), owner);
        var wonThenReopened = await db.GivenCustomerAsync(new CustomerFields("Reopened"), owner);
        await WinAsync(wonLately, Day0.AddDays(20));
        var reopened = await WinAsync(wonThenReopened, Day0.AddDays(20));
        await db.AppendAsync(reopened, "opportunity", new OpportunityReopened(reopened, Won, Open, Day0.AddDays(21)));

        // No deal for 30 days, warned 5 days ahead, on day 26: due are the customers whose clock started on day 0.
        var found = await new RecyclingCandidates(db.Database.DataSource).NextAsync(new RecyclingSearch(null, 30, 5, []), Day0.AddDays(26), null, 1000);
        Assert.Contains(neverWon, found);
        Assert.Contains(wonThenReopened, found);
        Assert.DoesNotContain(wonLately, found);
        Assert.Equal(Day0.AddDays(20), await new CustomerDeals(db.Database.DataSource).LastDealAtAsync(wonLately));
        Assert.Null(await new CustomerDeals(db.Database.DataSource).LastDealAtAsync(wonThenReopened));

        // Exempting customers with deals leaves out the one with a deal, even for the follow-up clock.
        var exempting = await new RecyclingCandidates(db.Database.DataSource).NextAsync(
            new RecyclingSearch(30, null, 5, [], ExemptCustomersWithDeals: true), Day0.AddDays(26), null, 1000);
        Assert.Contains(neverWon, exempting);
        Assert.DoesNotContain(wonLately, exempting);
    }

    private static readonly StageSnapshot Open = new(Guid.Empty, Guid.Empty, "Negotiation", 80m, StageOutcome.Open);
    private static readonly StageSnapshot Won = new(Guid.Empty, Guid.Empty, "Won", 100m, StageOutcome.Won);

    private async Task<Guid> WinAsync(Guid customer, DateTimeOffset at)
    {
        var opportunity = Guid.CreateVersion7();
        await db.AppendAsync(opportunity, "opportunity", new OpportunityWon(opportunity, customer, Open, Won, new Money(100m, "CNY"), at));
        return opportunity;
    }
}
