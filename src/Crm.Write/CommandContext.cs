namespace Crm.Write;

/// <summary>Who is acting and when, handed to deciders so they stay pure (no ambient clock or user).</summary>
/// <param name="ActorId">The signed-in user; null until authentication arrives, and for system actions.</param>
public sealed record CommandContext(Guid? ActorId, DateTimeOffset Now);
