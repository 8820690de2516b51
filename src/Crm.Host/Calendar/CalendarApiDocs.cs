using Crm.Host.Platform;

namespace Crm.Host.Calendar;

/// <summary>What the OpenAPI document says about each calendar operation (WORK-3), beside the route table.</summary>
internal static class CalendarApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f10","title":"Weekly pipeline review","description":null,"location":"Room 3",
        "start":"2026-03-23T08:00:00+00:00","end":"2026-03-23T09:00:00+00:00","allDay":false,"startDate":null,"endDate":null,
        "timeZone":"Europe/Berlin","rrule":"FREQ=WEEKLY;BYDAY=MO;COUNT=10","reminderMinutes":[15],
        "organizerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","attendeeIds":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"],
        "related":[{"kind":"customer","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","hidden":false},{"kind":"contract","id":null,"hidden":true}],
        "exceptions":[{"originalStart":"2026-03-30T07:00:00Z","cancelled":true,"title":null,"start":null,"end":null}],
        "status":"scheduled","version":2,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:30:00+00:00"}
        """;

    private const string Scope = " 404 calendar_event_not_found when you cannot see the event (exactly as a missing id).";

    private const string OrganizerOnly = " Only the organizer changes an event: attendees and those whose data scope reaches the organizer read it "
        + "(403 team_read_only).";

    public static readonly ApiDoc View = new("Your calendar",
        "Merges, over [from, to): the occurrences of the events you organize or attend (series expanded in each event's time zone, exceptions "
        + "applied), the due times of your open tasks (owner or participant) and the next-contact times of follow-ups you wrote on records you "
        + "can still see. Each item is typed (event | task | follow_up), with start/end in UTC and localStart/localEnd in the display zone "
        + "(?timeZone=, an IANA id; default your own time zone, UTC until you set one). from and to are ISO 8601 date-times with an offset "
        + "(400 from_invalid / to_invalid); to after "
        + "from (400 window_invalid), at most 366 days later (400 window_too_long); an unknown zone is 400 time_zone_invalid. Bounded: at "
        + "most 5000 items, truncated says when a bound cut the answer.")
    {
        Response = """
            {"from":"2026-03-23T00:00:00+00:00","to":"2026-03-30T00:00:00+00:00","timeZone":"Asia/Shanghai","items":[{"type":"event",
            "id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f10","title":"Weekly pipeline review","start":"2026-03-23T08:00:00+00:00",
            "end":"2026-03-23T09:00:00+00:00","localStart":"2026-03-23T16:00:00+08:00","localEnd":"2026-03-23T17:00:00+08:00","allDay":false,
            "originalStart":"2026-03-23T08:00:00Z","changed":false,"recordType":null,"recordId":null}],"truncated":false}
            """,
        Problems = [400],
    };

    public static readonly ApiDoc Create = new("Put an event in your schedule",
        "You organize it. title required; a timed event's start and end are ISO 8601 date-times with an offset (a time without one is 400 "
        + "start_invalid / end_invalid: it names no instant), stored in UTC; allDay events take dates (end = last day, included). timeZone is "
        + "an IANA id (400 time_zone_invalid), default UTC. rrule: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (weekly), COUNT (≤ 1000) or "
        + "UNTIL; anything else is 400 rrule_unsupported naming rrule. reminderMinutes: at most 5 offsets of 0..40320 (400 reminders_invalid). "
        + "attendeeIds: enabled users, at most 50 (422 user_unusable naming attendeeIds[i]); related: at most 20 records you can see (422 "
        + "related_not_found naming related[i]). With Idempotency-Key, a retry answers the first response.")
    {
        Request = """
            {"title":"Weekly pipeline review","start":"2026-03-23T09:00:00+01:00","end":"2026-03-23T10:00:00+01:00",
            "timeZone":"Europe/Berlin","rrule":"FREQ=WEEKLY;BYDAY=MO;COUNT=10","reminderMinutes":[15]}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc Get = new("Read a calendar event, now or as it was",
        "ETag is the event's version; ?version=n or ?asOf=<ISO 8601> for time travel. Links to records you cannot see show only their kind "
        + "(id null, hidden true)." + Scope)
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc Update = new("Change a calendar event (the whole series)",
        "Only the fields sent change (\"\" clears description, location or rrule); attendeeIds and related replace their lists (links you "
        + "cannot see stay). A change of start, allDay, timeZone or rrule drops the series' cancelled and changed occurrences "
        + "(calendar.occurrences-reset): they no longer match. If-Match → 412 when stale; a cancelled event is 409 calendar_event_cancelled."
        + OrganizerOnly + Scope)
    { Request = """{"location":"Room 4","reminderMinutes":[15,60]}""", Response = Example, Problems = [400, 403, 404, 409, 412, 422] };

    public static readonly ApiDoc Cancel = new("Cancel a calendar event",
        "DELETE cancels every occurrence (calendar.event-cancelled): the event leaves calendars, the feed and reminders; its history stays "
        + "readable. Cancelling again is a no-op." + OrganizerOnly + Scope)
    { Problems = [403, 404, 412] };

    public static readonly ApiDoc Leave = new("Leave an event you attend",
        "An attendee takes themself off the event (decline): calendar.attendees-changed by them, removing them alone; the event leaves their "
        + "calendar, feed and reminders, and they no longer see it. 409 not_an_attendee for the organizer (who cancels instead) or a reader by "
        + "data scope; 409 calendar_event_cancelled once cancelled." + Scope)
    { Problems = [404, 409, 412] };

    public static readonly ApiDoc ChangeOccurrence = new("Move or change one occurrence of a series",
        "\"This occurrence only\": originalStart (the path) names it as the series has it — a date-time with an offset, or a date for an "
        + "all-day series (404 occurrence_not_found when the series has none there, or the event is not a series); start and end in the "
        + "series' kind; title optional. A cancelled occurrence changed so is back. At most 200 exceptions per series (409 occurrences_full)."
        + OrganizerOnly + Scope)
    {
        Request = """{"start":"2026-03-30T11:00:00+02:00","end":"2026-03-30T12:00:00+02:00"}""", Response = Example,
        Problems = [400, 403, 404, 409, 412],
    };

    public static readonly ApiDoc CancelOccurrence = new("Cancel one occurrence of a series",
        "originalStart as for the change; cancelling it again is a no-op. Answers the event." + OrganizerOnly + Scope)
    { Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc History = new("A calendar event's operation log",
        "One entry per event, oldest first, with actor, time, action and changes old → new; links to records you cannot see read "
        + "\"kind:hidden\"." + Scope)
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f10","items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"scheduled",
            "eventType":"calendar.event-scheduled","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":null,"changes":[{"field":"title",
            "old":null,"new":"Weekly pipeline review"}]}]}
            """,
        Problems = [404],
    };

    public static readonly ApiDoc IssueFeed = new("Issue your calendar feed's secret URL",
        "Answers a new secret .ics URL to subscribe to from Outlook or Google Calendar; the previous URL stops working. The URL is shown only "
        + "here: the server keeps only the SHA-256 of its token. Treat it as a password.")
    { Response = """{"url":"https://crm.example.com/api/calendar.ics?token=3q2-7wAAAAA…"}""" };

    public static readonly ApiDoc RevokeFeed = new("Revoke your calendar feed", "Its URL answers 404 from now on. Revoking again is a no-op.");

    public static readonly ApiDoc Ics = new("Your calendar as iCalendar (subscription feed)",
        "No bearer token: the secret token in the URL is the only guard. Answers text/calendar with your events (RRULE, EXDATE and "
        + "RECURRENCE-ID exceptions, so the client expands series) and your open tasks' due times; no related record or attendee is named. A "
        + "revoked or unknown token, or a disabled user's, answers 404 calendar_feed_not_found.")
    { Problems = [404] };
}
