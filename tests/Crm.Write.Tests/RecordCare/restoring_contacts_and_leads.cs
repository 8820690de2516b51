using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Leads;
using Crm.Write.Contacts;
using Crm.Write.Leads;
using Crm.Write.RecordCare;

namespace Crm.Write.Tests.RecordCare;

public sealed class restoring_contacts_and_leads
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();

    [Fact]
    public void a_contact_restore_edits_back_what_changed_and_leaves_masked_values()
    {
        var created = new ContactCreated(Id, Guid.CreateVersion7(), new ContactFields("Li", "Buyer", Phone: PersonalData.Erased), Owner);
        var now = Contact.Decider.Fold(ContactState.None,
            [created, new ContactEdited(Id, [new FieldChange("title", "Buyer", "Director"), new FieldChange("phone", PersonalData.Erased, "010-1")])]);
        var decision = Restores.Decide(new RestoreRecord(Id, 1), now, 2, Contact.Decider.Fold(ContactState.None, [created]));
        var edited = Assert.IsType<ContactEdited>(Assert.Single(decision.Events));
        Assert.Equal(1, edited.RestoredFromVersion);
        Assert.Equal([new FieldChange("title", "Director", "Buyer")], edited.Changes);
    }

    [Fact]
    public void a_converted_lead_is_not_restored_and_versions_outside_the_stream_are_refused()
    {
        var created = new LeadCreated(Id, new LeadFields("Zhao", Level: "A"), Owner);
        var lead = Lead.Decider.Fold(LeadState.None, [created]);
        Assert.Equal("version_out_of_range", Restores.Decide(new RestoreRecord(Id, 2), lead, 1, LeadState.None).Error?.Code);
        var converted = Lead.Decider.Fold(lead, [new LeadConverted(Id, Guid.CreateVersion7(), null)]);
        Assert.Equal("lead_converted", Restores.Decide(new RestoreRecord(Id, 1), converted, 2, lead).Error?.Code);
        Assert.Empty(Restores.Decide(new RestoreRecord(Id, 1), lead, 1, lead).Events);
    }
}
