using Crm.Events;
using Crm.Events.Customers;
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
}
