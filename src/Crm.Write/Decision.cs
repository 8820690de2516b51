namespace Crm.Write;

/// <summary>What a decider concluded: the events to append (possibly none: a no-op) or a refusal.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<object> events, DomainError? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<object> Events { get; }
    public DomainError? Error { get; }
    public bool IsRefused => Error is not null;

    /// <summary>Nothing to change: the command is already satisfied by the current state.</summary>
    public static Decision Nothing { get; } = new([], null);

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Refuse(DomainError error) => new([], error);

    public static implicit operator Decision(DomainError error) => Refuse(error);
}
