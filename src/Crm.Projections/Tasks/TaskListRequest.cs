namespace Crm.Projections.Tasks;

/// <summary>
/// One page of a task list: what the caller's scope reaches (owners) plus the tasks they take part in, narrowed by the filters.
/// </summary>
/// <param name="Statuses">The statuses listed; by default open and completed (archived ones only when asked for).</param>
/// <param name="ParticipantOnly">Only tasks the viewer takes part in (participant=me).</param>
/// <param name="RelatedKey">Only tasks about this record ("customer:&lt;id&gt;").</param>
public sealed record TaskListRequest(
    OwnerScope Scope, Guid ViewerId, int Limit, string? Cursor, ListSort? Sort, string? Q, IReadOnlyList<string> Statuses,
    Guid? OwnerId = null, bool ParticipantOnly = false, DateTimeOffset? DueFrom = null, DateTimeOffset? DueTo = null, string? RelatedKey = null);
