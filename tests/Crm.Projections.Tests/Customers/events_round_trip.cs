using System.Text.Json;
using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

/// <summary>Every lead, customer and contact event is stored and read back unchanged (names, nested values, lists).</summary>
public sealed class events_round_trip(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task every_event_reads_back_as_it_was_appended()
    {
        var (lead, customer, contact, user, other) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var rule = Guid.CreateVersion7();
        object[] leadEvents =
        [
            new LeadCreated(lead, new LeadFields("Wang", "Acme", "010-1234567", "w@acme.example", "fair", "retail", "A", "addr", "r"), user),
            new LeadExternalIdLinked(lead, "erp", "L-1"),
            new LeadEdited(lead, [new FieldChange("name", "Wang", "Wang Fang")]),
            new LeadFollowedUp(lead, Guid.CreateVersion7(), "phone", "call", Day0),
            new LeadTransferred(lead, other, user),
            new LeadPutInPool(lead, other, "no answer"),
            new LeadClaimed(lead, user),
            new LeadConverted(lead, customer, contact),
            new LeadPersonalDataErased(lead, "subject asked", LeadFields.Personal, Day0.AddDays(40)),
        ];
        object[] customerEvents =
        [
            new CustomerCreated(customer, new CustomerFields("Acme", "A", Tags: ["vip", "key"]), user, lead, Day0),
            new CustomerExternalIdLinked(customer, "erp", "C-1"),
            new CustomerEdited(customer, [new FieldChange("tags", "vip, key", "vip")]),
            new CustomerFollowedUp(customer, Guid.CreateVersion7(), "communication", "x", Day0.AddDays(1), Day0),
            new CustomerTeamMemberAdded(customer, other, TeamAccess.Read),
            new CustomerTeamMemberAccessChanged(customer, other, TeamAccess.ReadWrite, TeamAccess.Read),
            new CustomerTeamMemberRemoved(customer, other, TeamAccess.ReadWrite),
            new CustomerTransferred(customer, other, user, true, true, false, [contact], TeamAccess.Read, Day0),
            new CustomerLocked(customer),
            new CustomerUnlocked(customer),
            new CustomerRecyclingWarned(customer, other, rule, Day0.AddDays(30)),
            new CustomerRecycled(customer, other, rule, "30 days", 30, null, "No follow-up for 30 days.", Day0.AddDays(30)),
            new CustomerClaimed(customer, user, Day0.AddDays(31)),
            new CustomerPutInPool(customer, user, null, Day0.AddDays(32)),
            new CustomerAssigned(customer, other, user, Day0.AddDays(33)),
            new CustomerEdited(customer, [new FieldChange("level", null, "A")], RestoredFromVersion: 1),
            new CustomerArchived(customer, "quiet", Day0, Day0.AddDays(34)),
            new CustomerUnarchived(customer, Day0.AddDays(35)),
            new CustomerMergedFrom(customer, other, [contact], Day0.AddDays(36)),
            new CustomerMergedInto(customer, other, [contact], Day0.AddDays(37)),
            new CustomerPersonalDataErased(customer, "subject asked", CustomerFields.Personal, Day0.AddDays(40)),
        ];
        object[] contactEvents =
        [
            new ContactCreated(contact, customer, new ContactFields("Li", "Buyer"), user),
            new ContactExternalIdLinked(contact, "erp", "P-1"),
            new ContactEdited(contact, [new FieldChange("title", "Buyer", null)]),
            new ContactFollowedUp(contact, Guid.CreateVersion7(), "log", "x", null),
            new ContactTransferred(contact, other, user, true),
            new ContactCustomerChanged(contact, other, customer, Day0.AddDays(36)),
            new ContactPersonalDataErased(contact, "subject asked", ContactFields.Personal, Day0.AddDays(40)),
        ];
        await db.AppendManyAsync((lead, "lead", leadEvents), (customer, "customer", customerEvents), (contact, "contact", contactEvents));

        var written = leadEvents.Concat(customerEvents).Concat(contactEvents).ToList();
        var read = new List<object>();
        foreach (var id in new[] { lead, customer, contact }) read.AddRange((await db.Store.ReadStreamAsync(id)).Select(e => e.Data));
        Assert.Equal(written.Select(Shape), read.Select(Shape));

        var covered = written.Select(e => e.GetType()).ToHashSet();
        var catalogued = EventCatalogue.All.Select(e => e.Type).Where(t => t.Namespace is "Crm.Events.Leads" or "Crm.Events.Customers" or "Crm.Events.Contacts");
        Assert.Subset(covered, catalogued.ToHashSet());
    }

    private static string Shape(object e) => e.GetType().Name + JsonSerializer.Serialize(e, e.GetType());
}
