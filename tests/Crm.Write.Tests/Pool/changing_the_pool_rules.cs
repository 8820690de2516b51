using Crm.Events.Pool;
using Crm.Write.Customers;
using Crm.Write.Pool;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Pool;

public sealed class changing_the_pool_rules
{
    private static readonly Guid Admin = Guid.CreateVersion7();
    private static readonly Guid RuleId = Guid.CreateVersion7();
    private static readonly RecyclingRule ThirtyDays = new(RuleId, " Idle accounts ", 30, null, [" VIP ", "vip"], true, 5);

    private static PoolRulesState Given(params object[] events) => events.Aggregate(PoolRulesState.Defaults, PoolRules.Evolve);

    [Fact]
    public void a_new_configuration_is_recorded_whole_with_trimmed_names_and_distinct_levels()
    {
        var decision = PoolRules.Decide(new ChangePoolRules(50, 14, [ThirtyDays]), Given(), As(Admin));

        ThenEvents(decision, new PoolRulesChanged(50, 14, [new PoolRulesChanged.Rule(RuleId, "Idle accounts", 30, null, ["VIP"], true, 5)]));
    }

    [Fact]
    public void the_same_configuration_again_changes_nothing()
    {
        var first = PoolRules.Decide(new ChangePoolRules(50, 14, [ThirtyDays]), Given(), As(Admin));

        ThenNothing(PoolRules.Decide(new ChangePoolRules(50, 14, [ThirtyDays with { Name = "Idle accounts", ExemptLevels = ["VIP"] }]), Given(first.Events[0]), As(Admin)));
    }

    [Fact]
    public void a_missing_cooldown_keeps_the_current_one()
    {
        var state = Given(new PoolRulesChanged(null, 21, []));

        var decision = PoolRules.Decide(new ChangePoolRules(10, null, []), state, As(Admin));

        ThenEvents(decision, new PoolRulesChanged(10, 21, []));
    }

    [Fact]
    public void out_of_range_limits_and_cooldowns_are_refused_naming_each_field()
    {
        ThenInvalid(PoolRules.Decide(new ChangePoolRules(0, 400, []), Given(), As(Admin)),
            ("claimLimit", "claim_limit_out_of_range"), ("claimCooldownDays", "cooldown_out_of_range"));
    }

    [Fact]
    public void each_bad_rule_is_named_by_its_place_in_the_list()
    {
        var noDays = new RecyclingRule(Guid.CreateVersion7(), "No days", null, null, [], false, 0);
        var lateWarning = new RecyclingRule(Guid.CreateVersion7(), "Late", 10, null, [], false, 10);
        var twin = ThirtyDays with { Name = "Twin" };

        var decision = PoolRules.Decide(new ChangePoolRules(null, null, [ThirtyDays, noDays, lateWarning, twin]), Given(), As(Admin));

        ThenInvalid(decision,
            ("rules[1].daysWithoutFollowUp", "rule_needs_days"), ("rules[2].warningDaysBefore", "warning_days_out_of_range"),
            ("rules[3].id", "rule_id_duplicate"));
    }

    [Fact]
    public void more_than_the_maximum_number_of_rules_is_refused()
    {
        var rules = Enumerable.Range(0, PoolRules.MaxRules + 1).Select(i => new RecyclingRule(Guid.CreateVersion7(), $"Rule {i}", 30, null, [], false, 0)).ToList();

        ThenInvalid(PoolRules.Decide(new ChangePoolRules(null, null, rules), Given(), As(Admin)), ("rules", "too_many_rules"));
    }
}
