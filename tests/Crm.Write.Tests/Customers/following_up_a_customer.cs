using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class following_up_a_customer
{
    private static readonly Guid FollowUp = Guid.CreateVersion7();

    [Theory]
    [InlineData("communication")]
    [InlineData("log")]
    [InlineData("schedule")]
    [InlineData("task")]
    [InlineData("approval")]
    public void every_kind_of_cus_2_is_recorded_with_its_next_contact_time(string kind)
    {
        var next = Now.AddDays(3);
        var decision = Customer.Decide(new FollowUpCustomer(Id, FollowUp, kind, " called, will send a quote ", next), Given(Created()), As(Owner));
        ThenEvents(decision, new CustomerFollowedUp(Id, FollowUp, kind, "called, will send a quote", next, Now));
    }

    [Fact]
    public void an_unknown_kind_is_refused()
    {
        ThenRefused(Customer.Decide(new FollowUpCustomer(Id, FollowUp, "gossip", "x", null), Given(Created()), As(Owner)), ErrorKind.Validation, "kind_invalid", "kind");
    }

    [Fact]
    public void a_follow_up_needs_content()
    {
        ThenRefused(Customer.Decide(new FollowUpCustomer(Id, FollowUp, "log", " ", null), Given(Created()), As(Owner)), ErrorKind.Validation, "content_required", "content");
    }

    [Fact]
    public void a_next_contact_time_in_the_past_is_refused()
    {
        ThenRefused(Customer.Decide(new FollowUpCustomer(Id, FollowUp, "log", "x", Now.AddMinutes(-1)), Given(Created()), As(Owner)),
            ErrorKind.Validation, "next_contact_in_past", "nextContactAt");
    }

    [Fact]
    public void the_latest_follow_up_time_is_remembered()
    {
        var state = Given(Created(), new CustomerFollowedUp(Id, FollowUp, "log", "x", null, Day0.AddDays(5)));
        Assert.Equal(Day0.AddDays(5), state.LastFollowUpAt);
    }
}
