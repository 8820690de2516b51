namespace Crm.Events.Pool;

/// <summary>
/// The public pool's configuration changed (CUS-6, CUS-7): the per-user claim limit, the claim-back
/// cooldown and the complete list of recycling rules, as one snapshot (one stream with a fixed id).
/// </summary>
/// <param name="ClaimLimit">How many customers a user may own before claims are refused; null: no limit.</param>
/// <param name="ClaimCooldownDays">Days a previous owner waits before claiming a lost customer back.</param>
public sealed record PoolRulesChanged(int? ClaimLimit, int ClaimCooldownDays, IReadOnlyList<PoolRulesChanged.Rule> Rules)
{
    /// <summary>One recycling rule, as configured.</summary>
    public sealed record Rule(
        Guid Id, string Name, int? DaysWithoutFollowUp, int? DaysWithoutDeal, IReadOnlyList<string> ExemptLevels,
        bool ExemptCustomersWithDeals, int WarningDaysBefore);
}
