using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Calendar;

/// <summary>crm.calendar_events by column name, shared by the projection and the queries.</summary>
internal sealed class CalendarEventSql() : RowBinder<CalendarEventRow>("id",
    "id", "title", "description", "location", "organizer_id", "attendee_ids", "all_day", "time_zone", "starts_at", "ends_at", "recurrence",
    "reminder_minutes", "related", "related_keys", "exceptions", "status", "first_start", "last_end", "created_by", "version", "created_at",
    "updated_at")
{
    public static readonly CalendarEventSql Binder = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override string Select(string column) => column is "related" or "exceptions" ? column + "::text" : column;

    public override CalendarEventRow Read(RowReader r) => new(
        r.Id("id"),
        new CalendarEventFields(r.Text("title"), r.TextOrNull("description"), r.TextOrNull("location"), r.Time("starts_at"), r.Time("ends_at"),
            r.Flag("all_day"), r.Text("time_zone"), r.TextOrNull("recurrence"), r.Value<int[]>("reminder_minutes")),
        r.Id("organizer_id"), r.Value<Guid[]>("attendee_ids"),
        JsonSerializer.Deserialize<List<RelatedRecord>>(r.Text("related"), Json)!,
        JsonSerializer.Deserialize<List<CalendarException>>(r.Text("exceptions"), Json)!,
        r.Text("status"), r.Time("first_start"), r.TimeOrNull("last_end"), r.IdOrNull("created_by"), r.Long("version"), r.Time("created_at"),
        r.Time("updated_at"));

    public override void Write(CalendarEventRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("title", f.Title).Text("description", f.Description).Text("location", f.Location)
            .Set("organizer_id", row.OrganizerId).Set("attendee_ids", row.AttendeeIds.ToArray()).Set("all_day", f.AllDay)
            .Set("time_zone", f.TimeZone).Time("starts_at", f.Start).Time("ends_at", f.End).Text("recurrence", f.Rrule)
            .Set("reminder_minutes", f.ReminderMinutes.ToArray()).Json("related", JsonSerializer.Serialize(row.Related, Json))
            .Set("related_keys", row.Related.Select(x => x.Key).ToArray()).Json("exceptions", JsonSerializer.Serialize(row.Exceptions, Json))
            .Set("status", row.Status).Time("first_start", row.FirstStart).Time("last_end", row.LastEnd).Id("created_by", row.CreatedBy)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}
