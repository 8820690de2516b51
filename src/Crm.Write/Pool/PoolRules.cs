using Crm.Events.Pool;
using Crm.Write.Customers;

namespace Crm.Write.Pool;

/// <summary>The public pool's configuration: claim limit, claim-back cooldown, recycling rules.</summary>
public sealed record PoolRulesState(int? ClaimLimit, int ClaimCooldownDays, IReadOnlyList<RecyclingRule> Rules)
{
    public static PoolRulesState Defaults { get; } = new(null, PoolRules.DefaultCooldownDays, []);
}

/// <summary>The complete new configuration (PUT semantics).</summary>
public sealed record ChangePoolRules(int? ClaimLimit, int? ClaimCooldownDays, IReadOnlyList<RecyclingRule>? Rules);

/// <summary>
/// The pool configuration's decider (CUS-6, CUS-7): one stream with a fixed id, each change one event
/// carrying the whole configuration, so the history shows every version of the rules.
/// </summary>
public static class PoolRules
{
    public const string StreamType = "pool-rules";
    public const int DefaultCooldownDays = 7;
    public const int MaxRules = 20;

    /// <summary>The configuration stream's fixed id.</summary>
    public static readonly Guid StreamId = new("0196f000-0000-7000-8000-9001a0000001");

    public static Decider<PoolRulesState> Decider { get; } = new(StreamType, PoolRulesState.Defaults, Evolve);

    public static PoolRulesState Evolve(PoolRulesState state, object @event) => @event switch
    {
        PoolRulesChanged e => new PoolRulesState(e.ClaimLimit, e.ClaimCooldownDays, e.Rules.Select(r =>
            new RecyclingRule(r.Id, r.Name, r.DaysWithoutFollowUp, r.DaysWithoutDeal, r.ExemptLevels, r.ExemptCustomersWithDeals,
                r.WarningDaysBefore)).ToList()),
        _ => state,
    };

    public static Decision Decide(ChangePoolRules command, PoolRulesState state, CommandContext context)
    {
        var errors = new List<FieldError>();
        if (command.ClaimLimit is < 1 or > 100_000) errors.Add(new("claimLimit", "claim_limit_out_of_range", "claimLimit is null (no limit) or 1 to 100000."));
        var cooldown = command.ClaimCooldownDays ?? state.ClaimCooldownDays;
        if (cooldown is < 0 or > 365) errors.Add(new("claimCooldownDays", "cooldown_out_of_range", "claimCooldownDays is 0 to 365."));
        var rules = command.Rules ?? [];
        if (rules.Count > MaxRules) errors.Add(new("rules", "too_many_rules", $"At most {MaxRules} recycling rules."));
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var e in rules[i].Check()) errors.Add(e with { Field = $"rules[{i}].{e.Field}" });
            if ((rules[i].ExemptLevels ?? []).Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 30))
                errors.Add(new($"rules[{i}].exemptLevels", "level_invalid", "Exempt levels are 1 to 30 characters."));
            if (rules.Take(i).Any(r => r.Id == rules[i].Id)) errors.Add(new($"rules[{i}].id", "rule_id_duplicate", "Two rules have the same id."));
        }
        if (DomainError.Invalid(errors) is { } invalid) return invalid;

        var next = new PoolRulesChanged(command.ClaimLimit, cooldown, rules.Select(r => new PoolRulesChanged.Rule(
            r.Id, r.Name.Trim(), r.DaysWithoutFollowUp, r.DaysWithoutDeal,
                (r.ExemptLevels ?? []).Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            r.ExemptCustomersWithDeals, r.WarningDaysBefore)).ToList());
        var same = next.ClaimLimit == state.ClaimLimit && next.ClaimCooldownDays == state.ClaimCooldownDays && Same(Evolve(state, next).Rules, state.Rules);
        return same ? Decision.Nothing : Decision.Accept(next);
    }

    private static bool Same(IReadOnlyList<RecyclingRule> a, IReadOnlyList<RecyclingRule> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First with { ExemptLevels = null } == p.Second with { ExemptLevels = null }
                                                && (p.First.ExemptLevels ?? []).SequenceEqual(p.Second.ExemptLevels ?? []));
}
