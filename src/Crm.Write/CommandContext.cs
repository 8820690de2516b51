namespace Crm.Write;

/// <summary>Who is acting and when, handed to deciders so they stay pure (no ambient clock or user).</summary>
/// <param name="ActorId">The signed-in user; null until authentication arrives, and for system actions.</param>
public sealed record CommandContext(Guid? ActorId, DateTimeOffset Now);

public static class CommandContexts
{
    /// <summary>What the decider may know of a request: the acting user (from its metadata) and the time.</summary>
    public static CommandContext For(TimeProvider clock, CommandRequest request) => new(request.Metadata.ActorId, clock.GetUtcNow());

    /// <summary>A system action's context (no acting user).</summary>
    public static CommandContext System(TimeProvider clock) => new(ActorId: null, clock.GetUtcNow());
}
