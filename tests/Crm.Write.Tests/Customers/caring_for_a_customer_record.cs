using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;

namespace Crm.Write.Tests.Customers;

public sealed class caring_for_a_customer_record
{
    private static readonly Guid Survivor = Guid.CreateVersion7();

    [Fact]
    public void a_restore_edits_back_the_fields_of_that_version_naming_it_as_the_cause()
    {
        object[] history = [Created(), new CustomerEdited(Id, [new FieldChange("level", "B", "A"), new FieldChange("remark", null, "Busy")])];
        var decision = Customer.Decide(new RestoreCustomer(Id, 1), Given(history), 2, Given(history[0]), OnDay(1));
        var edited = Assert.IsType<CustomerEdited>(Assert.Single(decision.Events));
        Assert.Equal(1, edited.RestoredFromVersion);
        Assert.Equal([new FieldChange("level", "A", "B"), new FieldChange("remark", "Busy", null)], edited.Changes);
    }

    [Fact]
    public void a_value_an_erasure_masked_is_not_restored()
    {
        var masked = new CustomerCreated(Id, Acme with { Phone = PersonalData.Erased, Level = "C" }, Owner, null, Day0);
        var now = Given(Created(), new CustomerEdited(Id, [new FieldChange("phone", Acme.Phone, "+86 10 9999 0000")]));
        var decision = Customer.Decide(new RestoreCustomer(Id, 1), now, 2, Given(masked), OnDay(1));
        Assert.Equal(["level"], Assert.IsType<CustomerEdited>(Assert.Single(decision.Events)).Changes.Select(c => c.Field));
    }

    [Fact]
    public void a_version_outside_the_stream_is_refused()
    {
        Assert.Equal("version_out_of_range", Customer.Decide(new RestoreCustomer(Id, 3), Given(Created()), 1, CustomerState.None, OnDay(1)).Error?.Code);
        Assert.Equal("version_out_of_range", Customer.Decide(new RestoreCustomer(Id, 0), Given(Created()), 1, CustomerState.None, OnDay(1)).Error?.Code);
    }

    [Fact]
    public void archiving_twice_changes_nothing_and_unarchiving_brings_it_back()
    {
        var archived = Given(Created(), new CustomerArchived(Id, null, Day0, Day0.AddDays(400)));
        Assert.True(archived.Archived);
        Assert.Empty(Customer.Decide(new ArchiveCustomer(Id, "again", Day0), archived, OnDay(401)).Events);
        Assert.IsType<CustomerUnarchived>(Assert.Single(Customer.Decide(new UnarchiveCustomer(Id), archived, OnDay(401)).Events));
        Assert.Equal("reason_too_long", Customer.Decide(new ArchiveCustomer(Id, new string('x', 501), Day0), Given(Created()), OnDay(1)).Error?.Code);
    }

    [Fact]
    public void a_merge_is_one_decision_over_both_customers_and_every_contact()
    {
        var contact = Contact.Decider.Fold(ContactState.None, [new ContactCreated(Guid.CreateVersion7(), Id, new ContactFields("C"), Owner)]);
        var survivor = Customer.Decider.Fold(CustomerState.None, [new CustomerCreated(Survivor, Acme, Owner, null, Day0)]);
        var decision = Customer.Decide(new MergeCustomers(Survivor, Id), survivor, Given(Created()), [contact], OnDay(1));
        Assert.Null(decision.Error);
        Assert.Equal([Survivor, Id, contact.Id], decision.Changes.Select(c => c.StreamId));
        Assert.Equal(Id, Assert.IsType<CustomerMergedFrom>(Assert.Single(decision.Changes[0].Events)).MergedId);
        Assert.Equal(Survivor, Assert.IsType<CustomerMergedInto>(Assert.Single(decision.Changes[1].Events)).SurvivorId);
        Assert.Equal(Survivor, Assert.IsType<ContactCustomerChanged>(Assert.Single(decision.Changes[2].Events)).CustomerId);
    }

    [Fact]
    public void a_task_linked_to_the_merged_customer_links_the_survivor_instead()
    {
        var survivor = Customer.Decider.Fold(CustomerState.None, [new CustomerCreated(Survivor, Acme, Owner, null, Day0)]);
        var taskId = Guid.CreateVersion7();
        var task = Write.Tasks.WorkTask.Decider.Fold(Write.Tasks.TaskState.None, [new Events.Tasks.TaskCreated(taskId,
            new TaskFields("Call", null, null, TaskPriorities.None, []), Owner, [], [new RelatedRecord("customer", Id)])]);
        var decision = Customer.Decide(new MergeCustomers(Survivor, Id), survivor, Given(Created()), [], OnDay(1), [task]);
        var moved = Assert.IsType<Events.Tasks.TaskRelatedChanged>(Assert.Single(Assert.Single(decision.Changes, c => c.StreamId == taskId).Events));
        Assert.Equal([new RelatedRecord("customer", Survivor)], moved.Linked);
        Assert.Equal([new RelatedRecord("customer", Id)], moved.Unlinked);
    }

    [Fact]
    public void a_merged_customer_takes_no_more_changes_and_a_second_merge_changes_nothing()
    {
        var survivor = Customer.Decider.Fold(CustomerState.None, [new CustomerCreated(Survivor, Acme, Owner, null, Day0)]);
        var merged = Given(Created(), new CustomerMergedInto(Id, Survivor, [], Day0));
        Assert.Empty(Customer.Decide(new MergeCustomers(Survivor, Id), survivor, merged, [], OnDay(1)).Changes);
        Assert.Equal("customer_merged", Customer.Decide(new MergeCustomers(Id, Survivor), merged, survivor, [], OnDay(1)).Error?.Code);
        Assert.Equal("customer_merged", Customer.Decide(new RestoreCustomer(Id, 1), merged, 2, Given(Created()), OnDay(1)).Error?.Code);
        Assert.Equal("customer_merged", Customer.Decide(new ArchiveCustomer(Id, null, Day0), merged, OnDay(1)).Error?.Code);
        Assert.Equal("merge_same_customer", Customer.Decide(new MergeCustomers(Id, Id), merged, merged, [], OnDay(1)).Error?.Code);
    }
}
