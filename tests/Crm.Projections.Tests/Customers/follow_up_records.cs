using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Projections.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

public sealed class follow_up_records(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private FollowUpQueries FollowUps => new(db.Database.DataSource);

    [Fact]
    public async Task a_customers_follow_ups_include_its_contacts_newest_first()
    {
        var owner = Guid.CreateVersion7();
        var customer = await db.GivenCustomerAsync(new CustomerFields("Acme"), owner);
        var contact = await db.GivenContactAsync(customer, "Li", owner);
        var (f1, f2, f3) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(customer, "customer", new CustomerFollowedUp(customer, f1, "communication", "call", Day0.AddDays(2), Day0));
        await db.AppendAsync(contact, "contact", new ContactFollowedUp(contact, f2, "log", "lunch", null));
        await db.AppendAsync(customer, "customer", new CustomerFollowedUp(customer, f3, "task", "send quote", null, Day0));

        var seen = new List<FollowUpRow>();
        string? cursor = null;
        do
        {
            var page = await FollowUps.OfCustomerAsync(customer, OwnerScope.Everyone, Guid.Empty, 2, cursor);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal([f3, f2, f1], seen.Select(f => f.Id));
        Assert.Equal(("contact", contact), (seen[1].RecordType, seen[1].RecordId));
        Assert.Equal(Day0.AddDays(2), seen[2].NextContactAt);
        Assert.Equal([f2], (await FollowUps.OfRecordAsync(contact, 10, null)).Items.Select(f => f.Id));
    }

    [Fact]
    public async Task a_leads_follow_ups_belong_to_no_customer()
    {
        var lead = Guid.CreateVersion7();
        var followUp = Guid.CreateVersion7();
        await db.AppendAsync(lead, "lead", new LeadCreated(lead, new LeadFields("Wang"), Guid.CreateVersion7()), new LeadFollowedUp(lead, followUp, "phone", "no answer", null));
        var row = Assert.Single((await FollowUps.OfRecordAsync(lead, 10, null)).Items);
        Assert.Equal((followUp, "lead", (Guid?)null), (row.Id, row.RecordType, row.CustomerId));
    }
}
