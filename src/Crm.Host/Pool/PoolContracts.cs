using Crm.Host.Platform;
using Crm.Write.Customers;
using Crm.Write.Pool;

namespace Crm.Host.Pool;

/// <summary>A user to assign pool customers to.</summary>
public sealed record AssignRequest([property: MustSend] Guid? UserId);

/// <summary>Assign several pool customers to one user.</summary>
public sealed record BulkAssignRequest([property: MustSend] IReadOnlyList<Guid>? Ids, [property: MustSend] Guid? UserId);

/// <summary>One recycling rule (CUS-7).</summary>
/// <param name="Id">Stable id; the server picks one when absent. Recycling events name it.</param>
/// <param name="DaysWithoutFollowUp">Recycle after this many days without a follow-up (null: not this clock).</param>
/// <param name="DaysWithoutDeal">Recycle after this many days without a deal (null: not this clock).</param>
/// <param name="ExemptLevels">Customer levels the rule never recycles.</param>
/// <param name="ExemptCustomersWithDeals">Never recycle customers that have closed a deal.</param>
/// <param name="WarningDaysBefore">Warn the owner this many days before (0: no warning).</param>
public sealed record RecyclingRuleDto(
    Guid? Id, [property: MustSend] string? Name, [property: NullMeans("not this clock")] int? DaysWithoutFollowUp,
    [property: NullMeans("not this clock")] int? DaysWithoutDeal, IReadOnlyList<string>? ExemptLevels,
    bool ExemptCustomersWithDeals = false, int WarningDaysBefore = 0)
{
    public RecyclingRule ToRule() =>
        new(Id ?? Guid.CreateVersion7(), Name ?? "", DaysWithoutFollowUp, DaysWithoutDeal, ExemptLevels ?? [], ExemptCustomersWithDeals, WarningDaysBefore);
}

/// <summary>The public pool's configuration (the whole of it: PUT replaces it).</summary>
/// <param name="ClaimLimit">How many customers one user may own before claims are refused; null: no limit.</param>
/// <param name="ClaimCooldownDays">Days a previous owner waits before claiming a lost customer back (default 7).</param>
/// <param name="Rules">The recycling rules, at most 20.</param>
public sealed record PoolRulesDto([property: NullMeans("no limit")] int? ClaimLimit, int? ClaimCooldownDays, IReadOnlyList<RecyclingRuleDto>? Rules);

/// <summary>One recycling rule as stored: every field present (the request's defaults filled in).</summary>
public sealed record RecyclingRuleResponse(
    Guid Id, string Name, int? DaysWithoutFollowUp, int? DaysWithoutDeal, IReadOnlyList<string> ExemptLevels,
    bool ExemptCustomersWithDeals, int WarningDaysBefore)
{
    public static RecyclingRuleResponse From(RecyclingRule r) =>
        new(r.Id, r.Name, r.DaysWithoutFollowUp, r.DaysWithoutDeal, r.ExemptLevels ?? [], r.ExemptCustomersWithDeals, r.WarningDaysBefore);
}

/// <summary>The public pool's configuration as it is now (the answer of GET and PUT; same fields as the PUT body, all present).</summary>
/// <param name="ClaimLimit">How many customers one user may own before claims are refused; null: no limit.</param>
/// <param name="ClaimCooldownDays">Days a previous owner waits before claiming a lost customer back.</param>
/// <param name="Rules">The recycling rules.</param>
public sealed record PoolRulesResponse(int? ClaimLimit, int ClaimCooldownDays, IReadOnlyList<RecyclingRuleResponse> Rules)
{
    public static PoolRulesResponse From(PoolRulesState s) => new(s.ClaimLimit, s.ClaimCooldownDays, s.Rules.Select(RecyclingRuleResponse.From).ToList());
}
