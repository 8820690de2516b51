using Crm.Events;
using Crm.Events.Leads;
using Crm.Projections.Filtering;
using Crm.Projections.Leads;
using Crm.Projections.Tests.Customers;

namespace Crm.Projections.Tests.Leads;

public sealed class lead_lists(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private async Task<Guid> GivenLeadAsync(LeadFields fields, Guid owner, params Func<Guid, object>[] more)
    {
        var id = Guid.CreateVersion7();
        await db.AppendAsync(id, "lead", [new LeadCreated(id, fields, owner), .. more.Select(m => m(id))]);
        return id;
    }

    private static FilterNode Filter(string json) => FilterTree.Parse(json, LeadFilterFields.All).Node!;

    [Fact]
    public async Task a_scoped_lead_list_shows_only_the_scopes_owners_with_filters_and_free_text()
    {
        var (me, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var open = await GivenLeadAsync(new LeadFields("Zhang", "Globex Trading"), me);
        var converted = await GivenLeadAsync(new LeadFields("Li", "Initech"), me, id => new LeadConverted(id, Guid.CreateVersion7(), null));
        await GivenLeadAsync(new LeadFields("Hidden", "Globex Trading"), other);

        var all = await db.Leads.ListAsync(new LeadListRequest(OwnerScope.Only(me), 10));
        Assert.Equal(new[] { open, converted }.Order(), all.Items.Select(l => l.Id).Order());
        var notConverted = await db.Leads.ListAsync(new LeadListRequest(OwnerScope.Only(me), 10, Filter: Filter("""{"field":"converted","op":"eq","value":false}""")));
        Assert.Equal(open, Assert.Single(notConverted.Items).Id);
        Assert.Equal(open, Assert.Single((await db.Leads.ListAsync(new LeadListRequest(OwnerScope.Only(me), 10, Q: "globex"))).Items).Id);
    }

    [Fact]
    public async Task the_lead_pool_lists_leads_without_owner()
    {
        var owner = Guid.CreateVersion7();
        var company = "Pool " + Guid.NewGuid().ToString("N");
        var pooled = await GivenLeadAsync(new LeadFields("P", company), owner, id => new LeadPutInPool(id, owner, "no answer"));
        await GivenLeadAsync(new LeadFields("Q", company), owner);
        var filter = Filter($$"""{"field":"company","op":"eq","value":"{{company}}"}""");
        var pool = await db.Leads.ListAsync(new LeadListRequest(OwnerScope.Only(Guid.CreateVersion7()), 10, Filter: filter, Pool: true));
        Assert.Equal(pooled, Assert.Single(pool.Items).Id);
    }
}
