using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Opportunities.OpportunitySpecification;

namespace Crm.Write.Tests.Opportunities;

public sealed class opportunity_ownership
{
    private static readonly OpportunityTeamMemberAdded ColleagueReads = new(Id, Colleague, TeamAccess.Read);

    [Fact]
    public void a_transfer_moves_the_owner_off_its_own_team_and_may_keep_the_previous_owner_on_it()
    {
        ThenEvents(Opportunity.Decide(new TransferOpportunity(Id, Colleague, TeamAccess.Read), Given(Created(), ColleagueReads), As(Owner)),
            new OpportunityTeamMemberRemoved(Id, Colleague, TeamAccess.Read), new OpportunityTransferred(Id, Colleague, Owner, TeamAccess.Read, null, At),
            new OpportunityTeamMemberAdded(Id, Owner, TeamAccess.Read));
        ThenNothing(Opportunity.Decide(new TransferOpportunity(Id, Owner), Given(Created()), As(Owner)));
        ThenRefused(Opportunity.Decide(new TransferOpportunity(Id, Colleague, "boss"), Given(Created()), As(Owner)), ErrorKind.Validation, "access_invalid",
            "keepPreviousOwnerAs");
        ThenRefused(Opportunity.Decide(new TransferOpportunity(Id, Colleague), OpportunityState.None, As(Owner)), ErrorKind.NotFound, "opportunity_not_found");
    }

    [Fact]
    public void team_members_join_change_access_and_leave_as_on_customers()
    {
        ThenEvents(Opportunity.Decide(new AddOpportunityTeamMember(Id, Colleague, TeamAccess.Read), Given(Created()), As(Owner)), ColleagueReads);
        ThenNothing(Opportunity.Decide(new AddOpportunityTeamMember(Id, Colleague, TeamAccess.Read), Given(Created(), ColleagueReads), As(Owner)));
        ThenRefused(Opportunity.Decide(new AddOpportunityTeamMember(Id, Colleague, TeamAccess.ReadWrite), Given(Created(), ColleagueReads), As(Owner)),
            ErrorKind.Conflict, "already_team_member", "userId");
        ThenRefused(Opportunity.Decide(new AddOpportunityTeamMember(Id, Owner, TeamAccess.Read), Given(Created()), As(Owner)), ErrorKind.Conflict,
            "owner_cannot_be_team_member", "userId");
        ThenRefused(Opportunity.Decide(new AddOpportunityTeamMember(Id, Colleague, "all"), Given(Created()), As(Owner)), ErrorKind.Validation,
            "access_invalid", "access");

        ThenEvents(Opportunity.Decide(new ChangeOpportunityTeamMember(Id, Colleague, TeamAccess.ReadWrite), Given(Created(), ColleagueReads), As(Owner)),
            new OpportunityTeamMemberAccessChanged(Id, Colleague, TeamAccess.ReadWrite, TeamAccess.Read));
        ThenRefused(Opportunity.Decide(new ChangeOpportunityTeamMember(Id, Colleague, TeamAccess.Read), Given(Created()), As(Owner)),
            ErrorKind.Unprocessable, "not_team_member", "userId");
        ThenEvents(Opportunity.Decide(new RemoveOpportunityTeamMember(Id, Colleague), Given(Created(), ColleagueReads), As(Owner)),
            new OpportunityTeamMemberRemoved(Id, Colleague, TeamAccess.Read));
        ThenRefused(Opportunity.Decide(new RemoveOpportunityTeamMember(Id, Colleague), Given(Created()), As(Owner)), ErrorKind.Unprocessable, "not_team_member");
    }
}
