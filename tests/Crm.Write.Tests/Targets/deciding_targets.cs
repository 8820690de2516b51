using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Targets;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Targets;

public sealed class deciding_targets
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid User = Guid.CreateVersion7();
    private static readonly TargetKey Q2 = new(TargetSubjects.User, User, TargetMeasures.ContractAmount, 2026, TargetPeriods.Quarter, 2);

    [Fact]
    public void a_quarter_runs_from_its_first_day_to_the_day_after_its_last()
    {
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1)), (Q2.From, Q2.Until));
        var december = Q2 with { Period = TargetPeriods.Month, PeriodNo = 12 };
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1)), (december.From, december.Until));
        Assert.Equal(new DateOnly(2027, 1, 1), (Q2 with { Period = "year", PeriodNo = null }).Until);
    }

    [Fact]
    public void input_is_validated_field_by_field()
    {
        var (key, amount, error) = new TargetInput("user", User, "contract_amount", 2026, "quarter", 2, 500m, "cny").Validate();
        Assert.Null(error);
        Assert.Equal((Q2, new Money(500m, "CNY")), (key, amount));
        var (_, _, invalid) = new TargetInput("team", null, "x", 1999, "quarter", 9, 0m, "CNY").Validate();
        Assert.Equal(["subjectKind", "subjectId", "measure", "year", "periodNo", "amount"], invalid!.Errors.Select(e => e.Field));
        Assert.Equal("period_invalid", new TargetInput("user", User, "contract_amount", 2026, "day", null, 1m, "CNY").Validate().Error!.Code);
    }

    [Fact]
    public void one_target_per_key_and_only_the_amount_changes()
    {
        var set = new TargetSet(Id, Q2, new Money(500m, "CNY"), User, Now);
        ThenEvents(Target.Decide(new SetTarget(Id, Q2, new Money(500m, "CNY"), false, User), TargetState.None, As(User)), set);
        ThenRefused(Target.Decide(new SetTarget(Id, Q2, new Money(500m, "CNY"), true, User), TargetState.None, As(User)), ErrorKind.Conflict,
            "target_exists", "subjectId");
        var state = Target.Decider.Fold(TargetState.None, [set]);
        ThenRefused(Target.Decide(new SetTarget(Id, Q2, new Money(1m, "CNY"), false, User), state, As(User)), ErrorKind.Conflict, "target_exists", "id");
        ThenNothing(Target.Decide(new ChangeTarget(Id, 500m, null), state, As(User)));
        ThenNothing(Target.Decide(new ChangeTarget(Id, null, null), state, As(User)));
        ThenEvents(Target.Decide(new ChangeTarget(Id, null, "usd"), state, As(User)),
            new TargetChanged(Id, new Money(500m, "USD"), new Money(500m, "CNY"), Now));
        ThenEvents(Target.Decide(new ChangeTarget(Id, 600m, null), state, As(User)),
            new TargetChanged(Id, new Money(600m, "CNY"), new Money(500m, "CNY"), Now));
        ThenRefused(Target.Decide(new ChangeTarget(Id, 600m, "euro"), state, As(User)), ErrorKind.Validation, "currency_invalid", "currency");
        ThenEvents(Target.Decide(new DeleteTarget(Id), state, As(User)), new TargetDeleted(Id, Q2, Now));
        ThenRefused(Target.Decide(new DeleteTarget(Id), TargetState.None, As(User)), ErrorKind.NotFound, "target_not_found");
    }
}
