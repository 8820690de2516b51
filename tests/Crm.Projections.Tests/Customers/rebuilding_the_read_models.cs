using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Notifications;
using Crm.Events.Sales;
using Crm.EventStore.Daemon;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

/// <summary>Any read model can be dropped and rebuilt from the history, and comes out identical.</summary>
public sealed class rebuilding_the_read_models(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static readonly string[] Tables = ["crm.leads", "crm.customers", "crm.customer_team", "crm.contacts", "crm.follow_ups", "crm.notification_reads", "crm.customer_deals"];

    [Fact]
    public async Task every_lead_customer_contact_and_notification_table_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        for (var i = 0; i < 5; i++)
        {
            var customer = await db.GivenCustomerAsync(new CustomerFields("Rebuild " + i, Level: "B", Tags: ["t" + i]), owner,
                (Func<Guid, object>)(id => new CustomerTeamMemberAdded(id, other, TeamAccess.Read)),
                (Func<Guid, object>)(id => new CustomerFollowedUp(id, Guid.CreateVersion7(), "log", "x", Day0.AddDays(i + 1), Day0)));
            var contact = await db.GivenContactAsync(customer, "Contact " + i, owner);
            await db.AppendAsync(contact, "contact", new ContactFollowedUp(contact, Guid.CreateVersion7(), "log", "y", null));
            if (i % 2 == 0)
                await db.AppendManyAsync(
                    (customer, "customer", [new CustomerTeamMemberRemoved(customer, other, TeamAccess.Read),
                        new CustomerTransferred(customer, other, owner, true, false, false, [contact], TeamAccess.ReadWrite, Day0), new CustomerTeamMemberAdded(customer, owner, TeamAccess.ReadWrite)]),
                    (contact, "contact", [new ContactTransferred(contact, other, owner, true)]));
            var lead = Guid.CreateVersion7();
            await db.AppendAsync(lead, "lead", new LeadCreated(lead, new LeadFields("Lead " + i), owner), new LeadConverted(lead, customer, null));
            // Deals: won (kept), won then reopened (gone), won again after a reopen (kept, first row time kept).
            var deal = Guid.CreateVersion7();
            var (open, won) = (new StageSnapshot(Guid.Empty, Guid.Empty, "Quote", 60m, StageOutcome.Open), new StageSnapshot(Guid.Empty, Guid.Empty, "Won", 100m, StageOutcome.Won));
            var wins = new List<object> { new OpportunityWon(deal, customer, open, won, new Money(1000.5m + i, "CNY"), Day0.AddDays(i)) };
            if (i % 3 == 1) wins.Add(new OpportunityReopened(deal, won, open, Day0.AddDays(i + 1)));
            if (i % 3 == 2) wins.AddRange([new OpportunityReopened(deal, won, open, Day0.AddDays(i + 1)), new OpportunityWon(deal, customer, open, won, new Money(7m, "USD"), Day0.AddDays(i + 2))]);
            await db.AppendAsync(deal, "opportunity", [.. wins]);
        }
        // One notification read (the notifications themselves are a subscription's: Crm.Host.Tests, replaying_notifications).
        await db.AppendAsync(Guid.CreateVersion7(), "notification-inbox", new NotificationRead(owner, Guid.CreateVersion7(), Day0.AddDays(9)));
        var before = await SnapshotAsync();

        // Replayed by a running daemon: a rebuild reads up to the cluster-wide horizon, which another
        // test's open transaction (any database) can hold back; the running daemon then catches up to the head.
        var projections = CrmProjections.Inline().Where(p => p.Name.StartsWith("crm.", StringComparison.Ordinal)).ToList();
        await using var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        // One after another.
        foreach (var projection in projections)
        {
            await daemon.RebuildAsync(projection.Name);
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
        Assert.All(Tables, t => Assert.NotEmpty(before[t]));
    }

    private async Task<Dictionary<string, List<string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by row_to_json(t)::text");
            var rows = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            snapshot[table] = rows;
        }
        return snapshot;
    }
}
