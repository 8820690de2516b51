using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Leads;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Settings;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Refusals;

/// <summary>
/// Refusals a decider keeps although today's host refuses first (a create at a taken id is id_taken
/// before any decider runs; the host always passes the contact id a conversion needs): a decider is
/// also called from elsewhere (imports, bulk actions, tests), so its own guard must hold on its own.
/// </summary>
public sealed class guards_the_host_never_reaches
{
    private static readonly Guid Owner = Guid.CreateVersion7();

    [Fact]
    public void creating_a_contact_that_exists_is_refused_as_a_conflict_on_the_id()
    {
        var id = Guid.CreateVersion7();
        var customerId = Guid.CreateVersion7();
        var existing = Contact.Decider.Fold(Contact.Decider.Initial, [new ContactCreated(id, customerId, new ContactFields("Li Lei"), Owner)]);
        ThenRefused(Contact.Decide(new CreateContact(id, customerId, new ContactInput("Li Lei"), Owner, true), existing, As(Owner)),
            ErrorKind.Conflict, "contact_exists", "id");
    }

    [Fact]
    public void creating_a_lead_that_exists_is_refused_as_a_conflict_on_the_id()
    {
        var id = Guid.CreateVersion7();
        var existing = Lead.Decider.Fold(Lead.Decider.Initial, [new LeadCreated(id, new LeadFields("Wang Fang"), Owner)]);
        ThenRefused(Lead.Decide(new CreateLead(id, new LeadInput("Wang Fang"), Owner), existing, As(Owner)), ErrorKind.Conflict, "lead_exists", "id");
    }

    [Fact]
    public void a_conversion_with_a_contact_but_no_contact_id_is_refused_and_changes_nothing()
    {
        var leadId = Guid.CreateVersion7();
        var lead = Lead.Decider.Fold(LeadState.None, [new LeadCreated(leadId, new LeadFields("Wang Fang", "Acme Ltd"), Owner)]);
        var decision = LeadConversion.Decide(lead, new CreateCustomer(Guid.CreateVersion7(), Lead.CustomerInputFrom(lead), Owner),
            new ContactInput("Wang Fang"), null, As(Owner));
        Assert.Equal(("contactId", "contact_id_required"), (decision.Error?.Field, decision.Error?.Code));
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void a_reason_for_the_pool_longer_than_500_characters_is_refused()
    {
        var id = Guid.CreateVersion7();
        var lead = Lead.Decider.Fold(LeadState.None, [new LeadCreated(id, new LeadFields("Wang Fang"), Owner)]);
        ThenRefused(Lead.Decide(new PutLeadInPool(id, new string('r', 501)), lead, As(Owner)), ErrorKind.Validation, "reason_too_long", "reason");
        Single<LeadPutInPool>(Lead.Decide(new PutLeadInPool(id, new string('r', 500)), lead, As(Owner)));
    }

    [Fact]
    public void a_setting_that_does_not_exist_is_refused_naming_it()
    {
        var decision = SystemSettings.Decide(new ChangeSettings(new Dictionary<string, long?> { ["colour"] = 3 }), SystemSettings.Defaults, As(Owner));
        ThenRefused(decision, ErrorKind.Validation, "setting_unknown", "colour");
    }

    [Fact]
    public void an_import_column_that_is_not_a_customer_field_is_refused_naming_the_header()
    {
        var row = CustomerImportRow.Parse(2, new Dictionary<string, string?> { ["name"] = "Acme", ["colour"] = "blue" }, Guid.CreateVersion7(), Owner);
        Assert.Contains(row.Errors, e => (e.Field, e.Code) == ("colour", "unknown_column"));
    }
}
