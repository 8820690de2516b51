using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class editing_a_customer
{
    [Fact]
    public void an_edit_names_each_changed_field_with_old_and_new_value()
    {
        var decision = Customer.Decide(new EditCustomer(Id, new CustomerInput(Name: "Acme Group", Level: "A", Region: "North", Tags: ["vip", "key"])),
            Given(Created()), As(Owner));
        ThenEvents(decision, new CustomerEdited(Id, [new FieldChange("name", "Acme Ltd", "Acme Group"), new FieldChange("level", "B", "A"),
            new FieldChange("region", null, "North"), new FieldChange("tags", "vip", "vip, key")]));
    }

    [Fact]
    public void fields_not_sent_stay_and_an_empty_string_clears_one()
    {
        var decision = Customer.Decide(new EditCustomer(Id, new CustomerInput(Phone: "")), Given(Created()), As(Owner));
        ThenEvents(decision, new CustomerEdited(Id, [new FieldChange("phone", "+86 10 1234 5678", null)]));
    }

    [Fact]
    public void an_edit_that_changes_nothing_records_nothing()
    {
        ThenNothing(Customer.Decide(new EditCustomer(Id, new CustomerInput(Name: " Acme Ltd ", Level: "B")), Given(Created()), As(Owner)));
    }

    [Fact]
    public void an_edit_is_folded_into_the_state()
    {
        var state = Given(Created(), new CustomerEdited(Id, [new FieldChange("level", "B", "A"), new FieldChange("tags", "vip", "vip, key")]));
        Assert.Equal("A", state.Fields.Level);
        Assert.Equal(["vip", "key"], state.Fields.TagList);
    }

    [Fact]
    public void an_edit_that_clears_the_name_is_refused()
    {
        ThenRefused(Customer.Decide(new EditCustomer(Id, new CustomerInput(Name: "")), Given(Created()), As(Owner)), ErrorKind.Validation, "name_required", "name");
    }

    [Fact]
    public void an_edit_with_a_bad_email_is_refused_naming_the_field()
    {
        ThenRefused(Customer.Decide(new EditCustomer(Id, new CustomerInput(Email: "nope")), Given(Created()), As(Owner)), ErrorKind.Validation, "email_invalid", "email");
    }

    [Fact]
    public void a_customer_that_does_not_exist_is_not_found()
    {
        ThenRefused(Customer.Decide(new EditCustomer(Id, new CustomerInput(Name: "X")), Given(), As(Owner)), ErrorKind.NotFound, "customer_not_found");
    }
}
