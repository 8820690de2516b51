using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Contracts;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Contracts.ContractSpecification;

namespace Crm.Write.Tests.Contracts;

public sealed class contract_ownership
{
    [Fact]
    public void a_transfer_takes_the_receiver_off_the_team_and_may_keep_the_previous_owner_on_it()
    {
        var state = Given(Created(), new ContractTeamMemberAdded(Id, Colleague, TeamAccess.Read));
        ThenEvents(Contract.Decide(new TransferContract(Id, Colleague, TeamAccess.ReadWrite), state, As(Owner)),
            new ContractTeamMemberRemoved(Id, Colleague, TeamAccess.Read), new ContractTransferred(Id, Colleague, Owner, TeamAccess.ReadWrite, null, At),
            new ContractTeamMemberAdded(Id, Owner, TeamAccess.ReadWrite));
        ThenNothing(Contract.Decide(new TransferContract(Id, Owner), state, As(Owner)));
        ThenRefused(Contract.Decide(new TransferContract(Id, Colleague, "owner"), state, As(Owner)), ErrorKind.Validation, "access_invalid");
    }

    [Fact]
    public void the_team_never_holds_the_owner()
    {
        ThenRefused(Contract.Decide(new AddContractTeamMember(Id, Owner, TeamAccess.Read), Draft(), As(Owner)), ErrorKind.Conflict,
            "owner_cannot_be_team_member", "userId");
        var state = Given(Created(), new ContractTeamMemberAdded(Id, Colleague, TeamAccess.Read));
        ThenRefused(Contract.Decide(new AddContractTeamMember(Id, Colleague, TeamAccess.ReadWrite), state, As(Owner)), ErrorKind.Conflict,
            "already_team_member");
        ThenRefused(Contract.Decide(new RemoveContractTeamMember(Id, Guid.CreateVersion7()), state, As(Owner)), ErrorKind.Unprocessable, "not_team_member");
        ThenEvents(Contract.Decide(new ChangeContractTeamMember(Id, Colleague, TeamAccess.ReadWrite), state, As(Owner)),
            new ContractTeamMemberAccessChanged(Id, Colleague, TeamAccess.ReadWrite, TeamAccess.Read));
    }

    [Fact]
    public void a_customer_transfer_moves_the_previous_owners_contracts_that_are_not_voided()
    {
        var move = new MoveContractWithCustomer(Id, CustomerId, Owner, Colleague, null);
        ThenEvents(Contract.Decide(move, Approved(), As(Owner)), new ContractTransferred(Id, Colleague, Owner, null, CustomerId, At));
        ThenNothing(Contract.Decide(move, Given(Created(), new ContractVoided(Id, "gone", ApprovalStatus.Draft, At)), As(Owner)));
        ThenNothing(Contract.Decide(move with { PreviousOwnerId = Guid.CreateVersion7() }, Draft(), As(Owner)));
        ThenNothing(Contract.Decide(move with { CustomerId = OtherCustomer }, Draft(), As(Owner)));
    }

    [Theory]
    [InlineData("HT-{yyyy}-{seq:6}", "HT-2026-000123")]
    [InlineData("C{yy}{MM}{dd}/{seq:3}", "C260301/123")]
    [InlineData("{seq:1}", "123")]
    public void a_number_pattern_formats_the_day_and_the_sequence(string pattern, string number) =>
        Assert.Equal(number, ContractNumberPattern.Parse(pattern)!.Format(new DateOnly(2026, 3, 1), 123));

    [Theory]
    [InlineData("HT-{yyyy}")]
    [InlineData("{seq:6}-{seq:2}")]
    [InlineData("HT-{hh}-{seq:6}")]
    [InlineData("HT-{seq:13}")]
    [InlineData("HT-{seq:6")]
    public void a_pattern_without_exactly_one_sequence_or_with_an_unknown_token_is_none(string pattern) =>
        Assert.Null(ContractNumberPattern.Parse(pattern));
}
