using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class customer_team
{
    private static readonly CustomerTeamMemberAdded ColleagueReads = new(Id, Colleague, TeamAccess.Read);

    [Theory]
    [InlineData(TeamAccess.Read)]
    [InlineData(TeamAccess.ReadWrite)]
    public void a_colleague_joins_with_read_or_read_write_access(string access)
    {
        ThenEvents(Customer.Decide(new AddTeamMember(Id, Colleague, access), Given(Created()), As(Owner)), new CustomerTeamMemberAdded(Id, Colleague, access));
    }

    [Fact]
    public void an_unknown_access_is_refused()
    {
        ThenRefused(Customer.Decide(new AddTeamMember(Id, Colleague, "admin"), Given(Created()), As(Owner)), ErrorKind.Validation, "access_invalid", "access");
    }

    [Fact]
    public void the_owner_cannot_be_a_team_member()
    {
        ThenRefused(Customer.Decide(new AddTeamMember(Id, Owner, TeamAccess.Read), Given(Created()), As(Owner)),
            ErrorKind.Conflict, "owner_cannot_be_team_member", "userId");
    }

    [Fact]
    public void adding_a_member_again_with_the_same_access_changes_nothing_and_with_another_is_refused()
    {
        ThenNothing(Customer.Decide(new AddTeamMember(Id, Colleague, TeamAccess.Read), Given(Created(), ColleagueReads), As(Owner)));
        ThenRefused(Customer.Decide(new AddTeamMember(Id, Colleague, TeamAccess.ReadWrite), Given(Created(), ColleagueReads), As(Owner)),
            ErrorKind.Conflict, "already_team_member");
    }

    [Fact]
    public void changing_access_records_the_previous_access()
    {
        ThenEvents(Customer.Decide(new ChangeTeamMemberAccess(Id, Colleague, TeamAccess.ReadWrite), Given(Created(), ColleagueReads), As(Owner)),
            new CustomerTeamMemberAccessChanged(Id, Colleague, TeamAccess.ReadWrite, TeamAccess.Read));
    }

    [Fact]
    public void changing_the_access_of_a_non_member_is_refused()
    {
        ThenRefused(Customer.Decide(new ChangeTeamMemberAccess(Id, Other, TeamAccess.Read), Given(Created()), As(Owner)), ErrorKind.Unprocessable, "not_team_member");
    }

    [Fact]
    public void a_member_is_removed_with_the_access_it_had()
    {
        var state = Given(Created(), ColleagueReads);
        ThenEvents(Customer.Decide(new RemoveTeamMember(Id, Colleague), state, As(Owner)), new CustomerTeamMemberRemoved(Id, Colleague, TeamAccess.Read));
        Assert.Empty(Given(Created(), ColleagueReads, new CustomerTeamMemberRemoved(Id, Colleague, TeamAccess.Read)).Team);
    }

    [Fact]
    public void removing_a_non_member_is_refused()
    {
        ThenRefused(Customer.Decide(new RemoveTeamMember(Id, Other), Given(Created()), As(Owner)), ErrorKind.Unprocessable, "not_team_member");
    }
}
