using Crm.Projections.Calendar;
using Crm.Write.Access;

namespace Crm.Write.Calendar;

/// <summary>
/// Calendar events as the access policy sees them: the organizer is the owner; attendees are a read-only team; whoever's schedule.list
/// data scope reaches the organizer reads it too. Only the organizer changes an event: anyone else who sees it gets 403 team_read_only
/// (they see it, so nothing is hidden by saying so); everyone else 404 calendar_event_not_found, exactly like a missing id.
/// </summary>
public sealed class CalendarEventReach(CalendarQueries queries)
{
    public const string Kind = "calendar_event";
    public const string ReadPermission = "schedule.list";

    /// <summary>For reads: the event's current row when the caller sees it; else the refusal.</summary>
    public async Task<(CalendarEventRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var row = await queries.GetAsync(id, ct);
        var refusal = Check(id, row is not null, row?.OrganizerId ?? Guid.Empty, row?.AttendeeIds ?? [], caller, change: false);
        return refusal is null ? (row, null) : (null, refusal);
    }

    /// <summary>For commands: the rule applied to the event as its stream has it, inside the command's cycle.</summary>
    public static DomainError? Check(Guid id, CalendarEventState state, Caller caller, bool change) =>
        Check(id, state.Exists, state.OrganizerId, state.AttendeeIds, caller, change);

    private static DomainError? Check(Guid id, bool exists, Guid organizer, IReadOnlyList<Guid> attendees, Caller caller, bool change)
    {
        var onFile = exists
            ? new RecordOnFile(Kind, id, true, organizer) { Team = attendees.Distinct().ToDictionary(a => a, _ => Events.TeamAccess.Read) }
            : RecordOnFile.Missing(Kind, id);
        var refusal = RecordAccess.Reach(caller, onFile, ReadPermission, TeamNeed.Read);
        if (refusal is not null || !change || caller.ActorId == organizer) return refusal;
        return DomainError.Forbidden(RecordAccess.TeamReadOnlyCode, "Only the organizer changes a calendar event; you can read it.");
    }
}
