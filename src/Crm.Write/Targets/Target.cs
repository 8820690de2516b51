using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Targets;

/// <param name="KeyTaken">Another live target has the same subject, measure and period (read under the key's lock).</param>
public sealed record SetTarget(Guid TargetId, TargetKey Key, Money Amount, bool KeyTaken, Guid SetBy);

/// <param name="Amount">Null: the target's own.</param>
/// <param name="Currency">Null: the target's own.</param>
public sealed record ChangeTarget(Guid TargetId, decimal? Amount, string? Currency);

public sealed record DeleteTarget(Guid TargetId);

/// <summary>
/// The target decider (SAL-7): one target per stream. What a target is for (subject, measure, period) never changes; its amount
/// does. One live target per subject, measure and period (409 target_exists), kept by a lock on the key in the handler.
/// </summary>
public static class Target
{
    public const string StreamType = "target";
    public const string Kind = "target";

    public static Decider<TargetState> Decider { get; } = new(StreamType, TargetState.None, TargetState.Evolve);

    public static Decision Decide(SetTarget command, TargetState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("target_exists", $"Target {command.TargetId} already exists.", "id");
        if (command.KeyTaken)
            return DomainError.Conflict("target_exists", "This subject already has a target for this measure and period: change that one.", "subjectId");
        return Decision.Accept(new TargetSet(command.TargetId, command.Key, command.Amount, command.SetBy, context.Now));
    }

    public static Decision Decide(ChangeTarget command, TargetState state, CommandContext context)
    {
        if (!state.Exists) return Access.RecordAccess.NotFound(Kind, command.TargetId);
        var (amount, invalid) = TargetInput.AmountOf(command.Amount ?? state.Amount.Amount, command.Currency ?? state.Amount.Currency);
        if (invalid is not null) return invalid;
        return amount == state.Amount ? Decision.Nothing : Decision.Accept(new TargetChanged(state.Id, amount!, state.Amount, context.Now));
    }

    public static Decision Decide(DeleteTarget command, TargetState state, CommandContext context) =>
        state.Exists ? Decision.Accept(new TargetDeleted(state.Id, state.Key!, context.Now)) : Access.RecordAccess.NotFound(Kind, command.TargetId);
}
