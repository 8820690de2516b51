namespace Crm.Events.Sales;

// Sales targets (销售目标, SAL-7): an amount to reach per subject (a user or a department), measure (contract amount or
// payments received) and period (a year, a quarter or a month of a year). One target per subject, measure and period;
// the achievement against it is computed by the async projection crm.achievement_deals and the query of GET /api/targets/achievement.

/// <summary>A target was set.</summary>
public sealed record TargetSet(Guid TargetId, TargetKey Key, Money Amount, Guid SetBy, DateTimeOffset At);

/// <summary>The target's amount changed.</summary>
public sealed record TargetChanged(Guid TargetId, Money Amount, Money PreviousAmount, DateTimeOffset At);

/// <summary>The target was deleted: its key is free again.</summary>
public sealed record TargetDeleted(Guid TargetId, TargetKey Key, DateTimeOffset At);
