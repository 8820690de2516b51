namespace Crm.Events;

/// <summary>
/// When a workflow runs (SET-3): on an event of <paramref name="On"/> to a record of <paramref name="RecordKind"/> (customer or lead), or, for
/// <c>no_follow_up</c>, once a record has gone <paramref name="Days"/> days without a follow-up (a scheduled sweep finds it).
/// </summary>
/// <param name="On">created, edited, transferred, followed_up or no_follow_up (<see cref="WorkflowTriggers.All"/>).</param>
public sealed record WorkflowTrigger(string RecordKind, string On, int? Days);

/// <summary>
/// One thing a workflow does, in order: <c>create_task</c> (<paramref name="Text"/> the task's name, for <paramref name="UserId"/> or the
/// record's owner, due in <paramref name="DueInDays"/>), <c>notify</c> (<paramref name="Text"/> to <paramref name="UserId"/> or the owner),
/// <c>set_field</c> (<paramref name="Field"/> := <paramref name="Value"/>), <c>transfer</c> (to <paramref name="UserId"/>) or <c>webhook</c>
/// (a signed POST to <paramref name="Url"/>).
/// </summary>
public sealed record WorkflowAction(
    string Type, string? Text = null, Guid? UserId = null, string? Field = null, string? Value = null, int? DueInDays = null,
    [property: Secret] string? Url = null);

/// <summary>The names a workflow's trigger and actions take (wire values).</summary>
public static class WorkflowTriggers
{
    public const string NoFollowUp = "no_follow_up";

    public static IReadOnlyList<string> RecordKinds { get; } = ["customer", "lead"];

    public static IReadOnlyList<string> All { get; } = ["created", "edited", "transferred", "followed_up", NoFollowUp];

    public static IReadOnlyList<string> ActionTypes { get; } = ["create_task", "notify", "set_field", "transfer", "webhook"];
}
