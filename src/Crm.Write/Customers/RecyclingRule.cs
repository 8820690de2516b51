namespace Crm.Write.Customers;

/// <summary>What a recycling rule looks at in one customer (CUS-7).</summary>
/// <param name="OwnerId">Null: the customer is in the pool already.</param>
/// <param name="OwnedSince">When the current owner got it: a fresh owner gets the full N / M days.</param>
public sealed record RecyclingFacts(
    Guid? OwnerId, bool Locked, string? Level, DateTimeOffset? LastFollowUpAt, DateTimeOffset? LastDealAt, DateTimeOffset OwnedSince);

/// <summary>What a rule concludes for one customer at one moment.</summary>
public abstract record RecyclingVerdict
{
    private RecyclingVerdict() { }

    public static RecyclingVerdict Keep { get; } = new KeepVerdict();

    public sealed record KeepVerdict : RecyclingVerdict;

    /// <summary>The owner should be told the customer goes back to the pool at <paramref name="RecycleAt"/>.</summary>
    public sealed record Warn(DateTimeOffset RecycleAt) : RecyclingVerdict;

    public sealed record Recycle(string Reason) : RecyclingVerdict;
}

/// <summary>
/// A recycling rule (回收规则, CUS-7): an owned, unlocked customer goes back to the public pool after
/// <see cref="DaysWithoutFollowUp"/> days without a follow-up and/or <see cref="DaysWithoutDeal"/>
/// days without a deal, whichever comes first; the owner is warned <see cref="WarningDaysBefore"/>
/// days ahead. Both clocks start no earlier than the day the owner got the customer.
/// </summary>
public sealed record RecyclingRule(
    Guid Id,
    string Name,
    int? DaysWithoutFollowUp,
    int? DaysWithoutDeal,
    IReadOnlyList<string>? ExemptLevels = null,
    bool ExemptCustomersWithDeals = false,
    int WarningDaysBefore = 0)
{
    /// <summary>The rule's own faults (a settings screen reports them); empty when it can be used.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var checks = new FieldChecks();
        checks.Text("name", Name, 100, required: true);
        if (DaysWithoutFollowUp is null && DaysWithoutDeal is null)
            checks.Fail("daysWithoutFollowUp", "rule_needs_days", "A rule needs days without follow-up, days without a deal, or both.");
        if (DaysWithoutFollowUp is < 1) checks.Fail("daysWithoutFollowUp", "days_out_of_range", "daysWithoutFollowUp is at least 1.");
        if (DaysWithoutDeal is < 1) checks.Fail("daysWithoutDeal", "days_out_of_range", "daysWithoutDeal is at least 1.");
        var shortest = Math.Min(DaysWithoutFollowUp ?? int.MaxValue, DaysWithoutDeal ?? int.MaxValue);
        if (WarningDaysBefore < 0 || (WarningDaysBefore > 0 && WarningDaysBefore >= shortest))
            checks.Fail("warningDaysBefore", "warning_days_out_of_range", "warningDaysBefore lies between 0 and the rule's shortest period (exclusive).");
        return checks.Errors;
    }

    public RecyclingVerdict Evaluate(RecyclingFacts facts, DateTimeOffset now)
    {
        // CUS-5: a lock exempts the customer from every rule.
        if (facts.OwnerId is null || facts.Locked) return RecyclingVerdict.Keep;
        if (facts.Level is not null && (ExemptLevels ?? []).Contains(facts.Level, StringComparer.OrdinalIgnoreCase)) return RecyclingVerdict.Keep;
        if (ExemptCustomersWithDeals && facts.LastDealAt is not null) return RecyclingVerdict.Keep;

        var followUpDue = Due(facts.LastFollowUpAt, facts.OwnedSince, DaysWithoutFollowUp);
        var dealDue = Due(facts.LastDealAt, facts.OwnedSince, DaysWithoutDeal);
        if (followUpDue is null && dealDue is null) return RecyclingVerdict.Keep;
        var byFollowUp = dealDue is null || (followUpDue is not null && followUpDue <= dealDue);
        var recycleAt = byFollowUp ? followUpDue!.Value : dealDue!.Value;

        if (now >= recycleAt)
            return new RecyclingVerdict.Recycle(byFollowUp
                ? $"No follow-up for {DaysWithoutFollowUp} days."
                : $"No deal for {DaysWithoutDeal} days.");
        if (WarningDaysBefore > 0 && now >= recycleAt.AddDays(-WarningDaysBefore)) return new RecyclingVerdict.Warn(recycleAt);
        return RecyclingVerdict.Keep;
    }

    private static DateTimeOffset? Due(DateTimeOffset? last, DateTimeOffset ownedSince, int? days) =>
        days is { } n ? (last is { } l && l > ownedSince ? l : ownedSince).AddDays(n) : null;
}
