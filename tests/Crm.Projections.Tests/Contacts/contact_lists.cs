using Crm.Events;
using Crm.Events.Customers;
using Crm.Projections.Contacts;
using Crm.Projections.Filtering;
using Crm.Projections.Tests.Customers;

namespace Crm.Projections.Tests.Contacts;

public sealed class contact_lists(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task a_scoped_contact_list_shows_the_owners_contacts_and_those_of_customers_whose_team_has_the_viewer()
    {
        var (me, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var mine = await db.GivenCustomerAsync(new CustomerFields("Mine"), me);
        var shared = await db.GivenCustomerAsync(new CustomerFields("Shared"), other, (Func<Guid, object>)(id => new CustomerTeamMemberAdded(id, me, TeamAccess.Read)));
        var hidden = await db.GivenCustomerAsync(new CustomerFields("Hidden"), other);
        var c1 = await db.GivenContactAsync(mine, "Ann", me);
        var c2 = await db.GivenContactAsync(shared, "Bob", other);
        await db.GivenContactAsync(hidden, "Cid", other);

        var page = await db.Contacts.ListAsync(new ContactListRequest(OwnerScope.Only(me), me, 10, Sort: new ListSort("name", false)));
        Assert.Equal([c1, c2], page.Items.Select(c => c.Id));

        var (filter, errors) = FilterTree.Parse($$"""{"field":"customerId","op":"eq","value":"{{shared}}"}""", ContactFilterFields.All);
        Assert.Empty(errors);
        Assert.Equal(c2, Assert.Single((await db.Contacts.ListAsync(new ContactListRequest(OwnerScope.Only(me), me, 10, Filter: filter))).Items).Id);
    }
}
