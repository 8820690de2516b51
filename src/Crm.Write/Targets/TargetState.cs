using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Targets;

/// <summary>What the target decider needs to know of one target, folded from its stream.</summary>
public sealed record TargetState(bool Exists, Guid Id, TargetKey? Key, Money Amount)
{
    public static TargetState None { get; } = new(false, Guid.Empty, null, Money.Zero("CNY"));

    public static TargetState Evolve(TargetState state, object @event) => @event switch
    {
        TargetSet e => new TargetState(true, e.TargetId, e.Key, e.Amount),
        TargetChanged e => state with { Amount = e.Amount },
        TargetDeleted => state with { Exists = false },
        _ => state,
    };
}
