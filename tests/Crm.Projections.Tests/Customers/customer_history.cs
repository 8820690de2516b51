using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

public sealed class customer_history(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task the_operation_log_shows_each_change_old_to_new()
    {
        var (owner, next) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var id = await db.GivenCustomerAsync(new CustomerFields("Acme", Level: "B"), owner,
            (Func<Guid, object>)(id => new CustomerEdited(id, [new FieldChange("level", "B", "A")])),
            (Func<Guid, object>)(id => new CustomerTransferred(id, next, owner, false, false, false, [], null, Day0)));
        var history = CustomerHistory.Of(await db.Store.ReadStreamAsync(id));
        Assert.Equal(["created", "edited", "transferred"], history.Select(h => h.Action));
        Assert.Equal(new Crm.Projections.Org.FieldChange("level", "B", "A"), Assert.Single(history[1].Changes));
        Assert.Equal(new Crm.Projections.Org.FieldChange("ownerId", owner.ToString(), next.ToString()), Assert.Single(history[2].Changes));
    }

    [Fact]
    public async Task lead_and_contact_logs_show_transfers_and_conversions()
    {
        var (owner, next, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var lead = Guid.CreateVersion7();
        await db.AppendAsync(lead, "lead", new LeadCreated(lead, new LeadFields("Wang"), owner), new LeadConverted(lead, customer, null));
        Assert.Equal(["created", "converted"], LeadHistory.Of(await db.Store.ReadStreamAsync(lead)).Select(h => h.Action));
        var contact = await db.GivenContactAsync(customer, "Li", owner);
        await db.AppendAsync(contact, "contact", new ContactTransferred(contact, next, owner, true));
        var log = ContactHistory.Of(await db.Store.ReadStreamAsync(contact));
        Assert.Equal(new Crm.Projections.Org.FieldChange("ownerId", owner.ToString(), next.ToString()), Assert.Single(log[1].Changes));
    }

    /// <summary>A new event type must be handled by its module's projection; forgetting one would leave rows (and ETags) stale.</summary>
    [Fact]
    public void every_lead_customer_and_contact_event_is_handled_by_its_projection()
    {
        // Attachment events land in each record's stream and move its row's version too.
        static IEnumerable<Type> Module(Type sample) =>
            EventCatalogue.All.Select(e => e.Type).Where(t => t.Namespace == sample.Namespace).Concat(Crm.Projections.Attachments.AttachmentEventTypes.All);
        Assert.Equal(Module(typeof(LeadCreated)), new LeadsProjection().EventTypes);
        Assert.Equal(Module(typeof(CustomerCreated)), new CustomersProjection().EventTypes);
        Assert.Equal(Module(typeof(ContactCreated)), new ContactsProjection().EventTypes);
        Assert.Equal([typeof(LeadFollowedUp), typeof(CustomerFollowedUp), typeof(ContactFollowedUp), typeof(ContactCreated),
            typeof(Crm.Events.Sales.OpportunityFollowedUp), typeof(ContactCustomerChanged), typeof(CustomerMergedFrom)],
            new FollowUpsProjection().EventTypes);
        Assert.Equal(2 + EventCatalogue.All.Count(e => e.Type.Namespace == typeof(LeadCreated).Namespace), Module(typeof(LeadCreated)).Count());
        Assert.Contains(typeof(CustomerTeamMemberAdded), new CustomerTeamProjection().EventTypes);
    }
}
