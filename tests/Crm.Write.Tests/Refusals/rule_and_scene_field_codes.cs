using Crm.Write.Customers;
using Crm.Write.Pool;
using Crm.Write.Scenes;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Refusals;

/// <summary>Field faults whose codes the other tests name only by field: here each code is asserted.</summary>
public sealed class rule_and_scene_field_codes
{
    private static readonly Guid Admin = Guid.CreateVersion7();

    [Fact]
    public void a_recycling_rule_counting_zero_days_is_refused_for_each_count()
    {
        var rule = new RecyclingRule(Guid.CreateVersion7(), "Never", 0, 0);
        Assert.Equal([("daysWithoutDeal", "days_out_of_range"), ("daysWithoutFollowUp", "days_out_of_range")],
            rule.Check().Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public void an_empty_or_over_long_exempt_level_is_refused_with_the_rule_index()
    {
        var rule = new RecyclingRule(Guid.CreateVersion7(), "Idle", 30, null, ExemptLevels: ["VIP", new string('x', 31)]);
        ThenInvalid(PoolRules.Decide(new ChangePoolRules(null, null, [rule]), PoolRules.Decider.Initial, As(Admin)),
            ("rules[0].exemptLevels", "level_invalid"));
    }

    [Fact]
    public void a_scene_of_an_unknown_kind_with_an_over_long_name_is_refused_with_both_codes()
    {
        var view = new SceneView(null, "-updatedAt", null, []);
        var decision = Scene.Decide(new CreateScene(Guid.CreateVersion7(), "deals", new string('x', Scene.MaxNameLength + 1), view, false, []),
            Scene.Decider.Initial, As(Admin));
        Assert.Equal(ErrorKind.Validation, decision.Error?.Kind);
        Assert.Equal([("kind", "kind_unknown"), ("name", "name_invalid")], decision.Error!.Errors.Select(e => (e.Field, e.Code)).Order());
        Assert.Empty(decision.Changes);
    }
}
