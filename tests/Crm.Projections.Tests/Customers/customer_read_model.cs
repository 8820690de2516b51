using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Testing;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

public sealed class customer_read_model(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static readonly CustomerFields Acme = new("Acme Ltd", "B", "Retail", "Fair", "East", "1 Main St", "010-1234567", "info@acme.example",
        "https://acme.example", "note", ["vip", "key"]);

    [Fact]
    public async Task a_created_customer_has_its_fields_owner_and_version()
    {
        var owner = Guid.CreateVersion7();
        var id = await db.GivenCustomerAsync(Acme, owner);
        var row = await db.Customers.GetAsync(id);
        Assert.NotNull(row);
        Assert.Equal(Acme.Name, row.Fields.Name);
        Assert.Equal(["vip", "key"], row.Fields.TagList);
        Assert.Equal((owner, 1L, "new", false), (row.OwnerId, row.Version, row.FollowUpStatus, row.Locked));
    }

    [Fact]
    public async Task edits_follow_ups_and_locks_are_folded_into_the_row()
    {
        var owner = Guid.CreateVersion7();
        var next = Day0.AddDays(3);
        var id = await db.GivenCustomerAsync(Acme, owner,
            (Func<Guid, object>)(id => new CustomerEdited(id, [new FieldChange("level", "B", "A"), new FieldChange("tags", "vip, key", null)])),
            (Func<Guid, object>)(id => new CustomerFollowedUp(id, Guid.CreateVersion7(), "communication", "call", next, Day0.AddDays(1))),
            (Func<Guid, object>)(id => new CustomerLocked(id)));
        var row = (await db.Customers.GetAsync(id))!;
        Assert.Equal(("A", 0, "in_communication", true, 4L), (row.Fields.Level, row.Fields.TagList.Count, row.FollowUpStatus, row.Locked, row.Version));
        Assert.Equal((Day0.AddDays(1), next), (row.LastFollowUpAt!.Value, row.NextContactAt!.Value));
    }

    [Fact]
    public async Task the_pool_round_trip_moves_the_owner_and_remembers_the_previous_one()
    {
        var owner = Guid.CreateVersion7();
        var claimant = Guid.CreateVersion7();
        var id = await db.GivenCustomerAsync(Acme, owner, (Func<Guid, object>)(id => new CustomerPutInPool(id, owner, null, Day0.AddDays(2))));
        var pooled = (await db.Customers.GetAsync(id))!;
        Assert.Equal((null, owner, Day0.AddDays(2)), (pooled.OwnerId, pooled.PreviousOwnerId, pooled.PoolEnteredAt));

        await db.AppendAsync(id, "customer", new CustomerClaimed(id, claimant, Day0.AddDays(3)));
        var claimed = (await db.Customers.GetAsync(id))!;
        Assert.Equal((claimant, owner, (DateTimeOffset?)null, Day0.AddDays(3)), (claimed.OwnerId, claimed.PreviousOwnerId, claimed.PoolEnteredAt, claimed.OwnedSince!.Value));
        Assert.Equal(1, await db.Customers.OwnedCountAsync(claimant));
    }

    [Fact]
    public async Task team_members_are_added_changed_and_removed()
    {
        var owner = Guid.CreateVersion7();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var id = await db.GivenCustomerAsync(Acme, owner,
            (Func<Guid, object>)(id => new CustomerTeamMemberAdded(id, a, TeamAccess.Read)),
            (Func<Guid, object>)(id => new CustomerTeamMemberAdded(id, b, TeamAccess.Read)),
            (Func<Guid, object>)(id => new CustomerTeamMemberAccessChanged(id, a, TeamAccess.ReadWrite, TeamAccess.Read)),
            (Func<Guid, object>)(id => new CustomerTeamMemberRemoved(id, b, TeamAccess.Read)));
        var team = await db.Customers.TeamAsync(id);
        Assert.Equal((a, TeamAccess.ReadWrite), (Assert.Single(team).UserId, team[0].Access));
        Assert.Equal(5, (await db.Customers.GetAsync(id))!.Version);
    }

    [Fact]
    public async Task transfer_with_cascade_moves_the_customer_and_its_contacts_in_one_append()
    {
        var (owner, next) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var id = await db.GivenCustomerAsync(Acme, owner);
        var c1 = await db.GivenContactAsync(id, "Li Lei", owner);
        var c2 = await db.GivenContactAsync(id, "Han Meimei", owner);
        var contacts = await db.Customers.ContactIdsAsync(id);
        Assert.Equal(new[] { c1, c2 }.Order(), contacts);

        await db.AppendManyAsync(
            (id, "customer", [new CustomerTransferred(id, next, owner, true, false, false, contacts, TeamAccess.Read, Day0.AddDays(1)),
                new CustomerTeamMemberAdded(id, owner, TeamAccess.Read)]),
            (c1, "contact", [new ContactTransferred(c1, next, owner, true)]),
            (c2, "contact", [new ContactTransferred(c2, next, owner, true)]));

        Assert.Equal(next, (await db.Customers.GetAsync(id))!.OwnerId);
        var moved = (await db.Contacts.OfCustomerAsync(id, 10, null)).Items;
        Assert.Equal(new[] { c1, c2 }.Order(), moved.Select(c => c.Id).Order());
        Assert.All(moved, c => Assert.Equal(next, c.OwnerId));
        Assert.Equal(owner, Assert.Single(await db.Customers.TeamAsync(id)).UserId);
    }

    [Fact]
    public async Task the_customer_as_of_an_earlier_version_is_folded_from_its_stream()
    {
        var id = await db.GivenCustomerAsync(Acme, Guid.CreateVersion7(), (Func<Guid, object>)(id => new CustomerEdited(id, [new FieldChange("name", "Acme Ltd", "Acme Group")])));
        Assert.Equal("Acme Ltd", (await db.Customers.GetAsOfAsync(id, 1, null))!.Fields.Name);
        Assert.Equal("Acme Group", (await db.Customers.GetAsync(id))!.Fields.Name);
    }

    [Fact]
    public async Task a_converted_lead_records_what_it_became()
    {
        var (lead, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(lead, "lead", new LeadCreated(lead, new LeadFields("Wang", "Wang Co"), Guid.CreateVersion7()), new LeadConverted(lead, customer, null));
        var row = (await db.Leads.GetAsync(lead))!;
        Assert.Equal((customer, "Wang Co", 2L), (row.ConvertedCustomerId!.Value, row.Fields.Company, row.Version));
    }

    [Fact]
    public async Task duplicates_are_found_by_name_phone_digits_or_email_among_leads_and_customers()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var number = TestRandom.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customer = await db.GivenCustomerAsync(new CustomerFields("Dup " + tag, Phone: $"+86 (21) {number[..4]}-{number[4..]}", Email: tag + "@dup.example"), Guid.CreateVersion7());
        var lead = Guid.CreateVersion7();
        await db.AppendAsync(lead, "lead", new LeadCreated(lead, new LeadFields("Someone", "DUP " + tag, Email: tag.ToUpperInvariant() + "@DUP.example"), Guid.CreateVersion7()));
        var converted = Guid.CreateVersion7();
        await db.AppendAsync(converted, "lead", new LeadCreated(converted, new LeadFields("dup " + tag), Guid.CreateVersion7()), new LeadConverted(converted, customer, null));

        var byName = await db.Duplicates.FindAsync("dup " + tag, null, null);
        Assert.Equal([("customer", customer), ("lead", lead)], byName.Select(m => (m.Kind, m.Id)));
        var byPhone = Assert.Single(await db.Duplicates.FindAsync(null, "8621" + number, null));
        Assert.Equal(customer, byPhone.Id);
        Assert.Equal(["phone"], byPhone.MatchedOn);
        var byEmail = await db.Duplicates.FindAsync("nobody " + tag, null, " " + tag + "@DUP.EXAMPLE ");
        Assert.Equal(2, byEmail.Count);
        Assert.All(byEmail, m => Assert.Equal(["email"], m.MatchedOn));
    }
}
