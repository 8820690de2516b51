using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Targets;

/// <summary>A target as lists and the detail view show it; one row of crm.targets.</summary>
public sealed record TargetRow(Guid Id, TargetKey Key, Money Amount, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The one fold of the target read model, shared by the projection and time travel.</summary>
    public static TargetRow? Evolve(TargetRow? row, StoredEvent e) => e.Data switch
    {
        TargetSet x => new TargetRow(x.TargetId, x.Key, x.Amount, e.Version, e.Timestamp, e.Timestamp),
        TargetDeleted => null,
        TargetChanged x when row is not null => row with { Amount = x.Amount, Version = e.Version, UpdatedAt = e.Timestamp },
        _ => row is null ? null : row with { Version = e.Version, UpdatedAt = e.Timestamp },
    };
}

/// <summary>A target with what was achieved against it in its period.</summary>
/// <param name="Ratio">achieved / target amount, 4 decimal places.</param>
public sealed record TargetAchievement(TargetRow Target, decimal Achieved, decimal Ratio);
