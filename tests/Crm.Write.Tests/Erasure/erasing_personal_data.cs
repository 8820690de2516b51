using System.Text.Json;
using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Erasure;
using Crm.Write.Leads;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Erasure;

/// <summary>The erasure deciders of customers, leads and contacts, and the mask they hand to the append (docs/event-store.md, "Erasure").</summary>
public sealed class erasing_personal_data
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();

    private static readonly ContactCreated ContactMade = new(Id, Guid.CreateVersion7(),
        new ContactFields("Li Lei", "Buyer", "13800000000", "li@acme.example", "1 Road", "likes tea"), Owner);

    private static ContactState Contact_(params object[] events) => Contact.Decider.Fold(Contact.Decider.Initial, events);

    [Fact]
    public void an_erasure_names_the_fields_and_the_reason_and_carries_the_masking_of_the_stream()
    {
        var decision = Contact.Decide(new EraseContact(Id, "  GDPR request #12  "), Contact_(ContactMade), As(Owner));

        ThenEvents(decision, new ContactPersonalDataErased(Id, "GDPR request #12", ["name", "phone", "email", "address", "remark"], Now));
        Assert.NotNull(decision.Erasure);
        Assert.Equal(Id, decision.Erasure.StreamId);
        Assert.Equal(ContactFields.Personal, decision.Erasure.Fields);
    }

    [Theory]
    [InlineData("contact.created", 99)]
    [InlineData("contact.renamed-by-a-newer-build", 1)]
    public void an_event_this_build_cannot_read_refuses_the_erasure_rather_than_leave_values_in(string type, int schemaVersion)
    {
        var erasure = PersonalDataMask.Of(Id, ContactFields.Personal);
        var stored = new Crm.EventStore.ErasableEvent(Guid.CreateVersion7(), 1, type, schemaVersion, """{"name":"Li Lei"}""");

        Assert.Throws<UnmaskableEventException>(() => erasure.Mask(stored));
    }

    [Fact]
    public void a_reason_is_required_and_bounded()
    {
        ThenInvalid(Contact.Decide(new EraseContact(Id, " "), Contact_(ContactMade), As(Owner)), ("reason", "reason_required"));
        ThenInvalid(Contact.Decide(new EraseContact(Id, new string('x', 501)), Contact_(ContactMade), As(Owner)), ("reason", "reason_too_long"));
    }

    [Fact]
    public void a_missing_record_is_not_found()
    {
        ThenRefused(Contact.Decide(new EraseContact(Id, "asked"), Contact_(), As(Owner)), ErrorKind.NotFound, "contact_not_found");
        ThenRefused(Lead.Decide(new EraseLead(Id, "asked"), Lead.Decider.Initial, As(Owner)), ErrorKind.NotFound, "lead_not_found");
        ThenRefused(Customer.Decide(new EraseCustomer(Id, "asked"), Customer.Decider.Initial, As(Owner)), ErrorKind.NotFound, "customer_not_found");
    }

    [Fact]
    public void erasing_twice_is_refused_until_personal_data_is_recorded_again()
    {
        var erased = new ContactPersonalDataErased(Id, "asked", ContactFields.Personal, Now);
        ThenRefused(Contact.Decide(new EraseContact(Id, "again"), Contact_(ContactMade, erased), As(Owner)), ErrorKind.Conflict, "already_erased");

        // A title is not personal: still erased. A new phone is new data, given with new consent: it can be erased again.
        var title = new ContactEdited(Id, [new FieldChange("title", "Buyer", "CEO")]);
        ThenRefused(Contact.Decide(new EraseContact(Id, "again"), Contact_(ContactMade, erased, title), As(Owner)), ErrorKind.Conflict, "already_erased");
        var phone = new ContactEdited(Id, [new FieldChange("phone", PersonalData.Erased, "13900000000")]);
        Assert.Single(Contact.Decide(new EraseContact(Id, "again"), Contact_(ContactMade, erased, title, phone), As(Owner)).Events);
    }

    [Fact]
    public void the_state_after_an_erasure_holds_the_marker_and_an_edit_of_another_field_still_passes()
    {
        var erased = new ContactPersonalDataErased(Id, "asked", ContactFields.Personal, Now);
        var state = Contact_(ContactMade, erased);
        Assert.Equal(new ContactFields("[erased]", "Buyer", "[erased]", "[erased]", "[erased]", "[erased]"), state.Fields);

        // The erased phone and e-mail are not re-validated as a phone and an e-mail: an edit of the title is allowed.
        ThenEvents(Contact.Decide(new EditContact(Id, new ContactInput(Title: "CEO")), state, As(Owner)),
            new ContactEdited(Id, [new FieldChange("title", "Buyer", "CEO")]));
        ThenEvents(Contact.Decide(new EditContact(Id, new ContactInput(Phone: "13900000000")), state, As(Owner)),
            new ContactEdited(Id, [new FieldChange("phone", "[erased]", "13900000000")]));
    }

    [Fact]
    public void leads_and_customers_erase_their_own_personal_fields_and_a_converted_lead_may_be_erased()
    {
        var lead = new LeadCreated(Id, new LeadFields("Zhang San", "Acme", "13800000000", "z@acme.example"), Owner);
        var converted = new LeadConverted(Id, Guid.CreateVersion7(), null);
        var leadState = Lead.Decider.Fold(Lead.Decider.Initial, [lead, converted]);
        ThenEvents(Lead.Decide(new EraseLead(Id, "asked"), leadState, As(Owner)),
            new LeadPersonalDataErased(Id, "asked", ["name", "phone", "email", "address", "remark"], Now));

        var customer = new CustomerCreated(Id, new CustomerFields("Acme", Phone: "13800000000"), Owner, null, Now);
        var customerState = Customer.Decider.Fold(Customer.Decider.Initial, [customer]);
        ThenEvents(Customer.Decide(new EraseCustomer(Id, "asked"), customerState, As(Owner)),
            new CustomerPersonalDataErased(Id, "asked", ["address", "phone", "email", "remark"], Now));
        var after = Customer.Decider.Fold(customerState, [new CustomerPersonalDataErased(Id, "asked", CustomerFields.Personal, Now)]);
        Assert.Equal(new CustomerFields("Acme", Phone: "[erased]"), after.Fields);
        Assert.True(after.Erased);
    }

    [Fact]
    public void the_mask_replaces_personal_values_in_created_and_edited_events_and_keeps_the_shape()
    {
        var created = JsonSerializer.Serialize(new { contactId = Id, customerId = Id, ownerId = Owner, fields = new
        {
            name = "Li Lei", title = "Buyer", phone = "13800000000", email = (string?)null, address = "1 Road", remark = "likes tea",
        } });
        Assert.Equal(JsonSerializer.Serialize(new { contactId = Id, customerId = Id, ownerId = Owner, fields = new
        {
            name = "[erased]", title = "Buyer", phone = "[erased]", email = (string?)null, address = "[erased]", remark = "[erased]",
        } }), PersonalDataMask.Mask("contact.created", created));

        var edited = """{"customerId":"x","changes":[{"field":"phone","old":null,"new":"138"},{"field":"level","old":"A","new":"B"},{"field":"name","old":"Acme","new":"Acme Ltd"}]}""";
        Assert.Equal("""{"customerId":"x","changes":[{"field":"phone","old":null,"new":"[erased]"},{"field":"level","old":"A","new":"B"},{"field":"name","old":"Acme","new":"Acme Ltd"}]}""",
            PersonalDataMask.Mask("customer.edited", edited));

        // Events with nothing personal are left alone.
        Assert.Null(PersonalDataMask.Mask("contact.transferred", """{"contactId":"x"}"""));
        Assert.Null(PersonalDataMask.Mask("no.such-event", "{}"));
    }
}
