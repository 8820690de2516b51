using Crm.Events;
using Crm.Events.Leads;
using Crm.Write.Customers;
using Crm.Write.Leads;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Leads;

public sealed class lead_life_cycle
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly Guid CustomerId = Guid.CreateVersion7();
    private static readonly LeadCreated Created = new(Id, new LeadFields("Wang Fang", "Acme Ltd", "13800000000", Source: "fair"), Owner);
    private static readonly LeadConverted Converted = new(Id, CustomerId, null);
    private static readonly LeadPutInPool InPool = new(Id, Owner, null);

    private static LeadState Given(params object[] events) => Lead.Decider.Fold(Lead.Decider.Initial, events);

    [Fact]
    public void a_lead_is_created_with_its_owner()
    {
        ThenEvents(Lead.Decide(new CreateLead(Id, new LeadInput(" Wang Fang ", "Acme Ltd", "13800000000", Source: "fair"), Owner), Given(), As(Owner)), Created);
    }

    [Fact]
    public void a_lead_without_a_name_or_with_a_bad_email_is_refused_naming_the_fields()
    {
        ThenInvalid(Lead.Decide(new CreateLead(Id, new LeadInput("", Email: "x"), Owner), Given(), As(Owner)),
            ("name", "name_required"), ("email", "email_invalid"));
    }

    [Fact]
    public void a_suspected_duplicate_lead_is_refused_unless_created_anyway()
    {
        var candidates = new[] { new DuplicateCandidate("customer", CustomerId, "Acme Ltd", ["phone"]) };
        ThenRefused(Lead.Decide(new CreateLead(Id, new LeadInput("Wang"), Owner, candidates), Given(), As(Owner)), ErrorKind.Conflict, DuplicateCheck.Code);
        Single<LeadCreated>(Lead.Decide(new CreateLead(Id, new LeadInput("Wang"), Owner, candidates, CreateAnyway: true), Given(), As(Owner)));
    }

    [Fact]
    public void an_edit_names_each_changed_field_with_old_and_new_value()
    {
        ThenEvents(Lead.Decide(new EditLead(Id, new LeadInput(Company: "Acme Group", Phone: "")), Given(Created), As(Owner)),
            new LeadEdited(Id, [new FieldChange("company", "Acme Ltd", "Acme Group"), new FieldChange("phone", "13800000000", null)]));
        ThenNothing(Lead.Decide(new EditLead(Id, new LeadInput(Name: "Wang Fang")), Given(Created), As(Owner)));
    }

    [Fact]
    public void a_follow_up_records_kind_content_and_next_contact_time()
    {
        var followUp = Guid.CreateVersion7();
        ThenEvents(Lead.Decide(new FollowUpLead(Id, followUp, "phone", "interested", Now.AddDays(1)), Given(Created), As(Owner)),
            new LeadFollowedUp(Id, followUp, "phone", "interested", Now.AddDays(1)));
        ThenRefused(Lead.Decide(new FollowUpLead(Id, followUp, "approval", "x", null), Given(Created), As(Owner)), ErrorKind.Validation, "kind_invalid", "kind");
    }

    [Fact]
    public void a_transfer_records_the_new_and_previous_owner()
    {
        ThenEvents(Lead.Decide(new TransferLead(Id, Other), Given(Created), As(Owner)), new LeadTransferred(Id, Other, Owner));
        ThenNothing(Lead.Decide(new TransferLead(Id, Owner), Given(Created), As(Owner)));
    }

    [Fact]
    public void a_conversion_records_the_customer_and_contact_it_became()
    {
        var contact = Guid.CreateVersion7();
        ThenEvents(Lead.Decide(new ConvertLead(Id, CustomerId, contact), Given(Created), As(Owner)), new LeadConverted(Id, CustomerId, contact));
        Assert.Equal(new LeadConvertedTo(CustomerId, null, null), Given(Created, Converted).ConvertedTo);
    }

    [Fact]
    public void a_conversion_starts_the_customer_from_the_leads_fields()
    {
        var input = Lead.CustomerInputFrom(Given(Created));
        Assert.Equal(("Acme Ltd", "13800000000", "fair"), (input.Name, input.Phone, input.Source));
    }

    [Fact]
    public void a_converted_lead_cannot_be_edited()
    {
        ThenRefused(Lead.Decide(new EditLead(Id, new LeadInput(Name: "X")), Given(Created, Converted), As(Owner)), ErrorKind.Conflict, "lead_converted");
    }

    [Fact]
    public void a_converted_lead_cannot_be_transferred()
    {
        ThenRefused(Lead.Decide(new TransferLead(Id, Other), Given(Created, Converted), As(Owner)), ErrorKind.Conflict, "lead_converted");
    }

    [Fact]
    public void a_lead_is_converted_only_once()
    {
        ThenRefused(Lead.Decide(new ConvertLead(Id, Guid.CreateVersion7(), null), Given(Created, Converted), As(Owner)), ErrorKind.Conflict, "lead_converted");
        ThenNothing(Lead.Decide(new ConvertLead(Id, CustomerId, null), Given(Created, Converted), As(Owner)));
    }

    [Fact]
    public void a_lead_goes_into_the_pool_and_is_claimed_from_it()
    {
        ThenEvents(Lead.Decide(new PutLeadInPool(Id, null), Given(Created), As(Owner)), InPool);
        ThenEvents(Lead.Decide(new ClaimLead(Id), Given(Created, InPool), As(Other)), new LeadClaimed(Id, Other));
    }

    [Fact]
    public void an_owned_lead_cannot_be_claimed_and_a_pool_lead_cannot_be_transferred()
    {
        ThenRefused(Lead.Decide(new ClaimLead(Id), Given(Created), As(Other)), ErrorKind.Conflict, "lead_not_in_pool");
        ThenRefused(Lead.Decide(new TransferLead(Id, Other), Given(Created, InPool), As(Owner)), ErrorKind.Conflict, "lead_in_pool");
    }

    [Fact]
    public void a_converted_lead_does_not_go_into_the_pool()
    {
        ThenRefused(Lead.Decide(new PutLeadInPool(Id, null), Given(Created, Converted), As(Owner)), ErrorKind.Conflict, "lead_converted");
    }

    [Fact]
    public void a_lead_that_does_not_exist_is_not_found()
    {
        ThenRefused(Lead.Decide(new TransferLead(Id, Other), Given(), As(Owner)), ErrorKind.NotFound, "lead_not_found");
    }
}
