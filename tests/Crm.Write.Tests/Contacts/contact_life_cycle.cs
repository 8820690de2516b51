using Crm.Events;
using Crm.Events.Contacts;
using Crm.Write.Contacts;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Contacts;

public sealed class contact_life_cycle
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid CustomerId = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly ContactCreated Created = new(Id, CustomerId, new ContactFields("Li Lei", "Buyer", Email: "li@acme.example"), Owner);

    private static ContactState Given(params object[] events) => Contact.Decider.Fold(Contact.Decider.Initial, events);

    [Fact]
    public void a_contact_is_created_under_an_existing_customer()
    {
        ThenEvents(Contact.Decide(new CreateContact(Id, CustomerId, new ContactInput("Li Lei", "Buyer", Email: "li@acme.example"), Owner, true), Given(), As(Owner)), Created);
    }

    [Fact]
    public void a_contact_of_a_missing_customer_is_refused()
    {
        ThenRefused(Contact.Decide(new CreateContact(Id, CustomerId, new ContactInput("Li"), Owner, false), Given(), As(Owner)),
            ErrorKind.Unprocessable, "customer_not_found", "customerId");
    }

    [Fact]
    public void a_contact_with_bad_fields_is_refused_naming_them()
    {
        ThenInvalid(Contact.Decide(new CreateContact(Id, CustomerId, new ContactInput(null, Phone: "phone"), Owner, true), Given(), As(Owner)),
            ("name", "name_required"), ("phone", "phone_invalid"));
    }

    [Fact]
    public void an_edit_names_each_changed_field_with_old_and_new_value()
    {
        ThenEvents(Contact.Decide(new EditContact(Id, new ContactInput(Title: "CEO")), Given(Created), As(Owner)),
            new ContactEdited(Id, [new FieldChange("title", "Buyer", "CEO")]));
    }

    [Fact]
    public void a_follow_up_is_recorded()
    {
        var followUp = Guid.CreateVersion7();
        ThenEvents(Contact.Decide(new FollowUpContact(Id, followUp, "communication", "lunch", null), Given(Created), As(Owner)),
            new ContactFollowedUp(Id, followUp, "communication", "lunch", null));
    }

    [Fact]
    public void a_contact_is_transferred_on_its_own()
    {
        ThenEvents(Contact.Decide(new TransferContact(Id, Other), Given(Created), As(Owner)), new ContactTransferred(Id, Other, Owner, false));
        ThenNothing(Contact.Decide(new TransferContact(Id, Owner), Given(Created), As(Owner)));
    }

    [Fact]
    public void a_contact_that_does_not_exist_is_not_found()
    {
        ThenRefused(Contact.Decide(new EditContact(Id, new ContactInput("X")), Given(), As(Owner)), ErrorKind.NotFound, "contact_not_found");
    }
}
