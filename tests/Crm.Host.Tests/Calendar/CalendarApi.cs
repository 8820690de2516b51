using System.Text.Json;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Calendar;

/// <summary>Calendar calls and the colleagues the calendar tests sign in as.</summary>
internal static class CalendarApi
{
    public const string CalendarRoute = "/api/calendar";
    public const string EventsRoute = "/api/calendar/events";

    public static readonly string[] Planner = ["schedule.create", "schedule.list", "schedule.edit", "schedule.delete"];

    public static readonly string[] PlannerWithCustomers =
        [.. Planner, "task.create", "task.list", "task.detail", "task.edit", "customer.create", "customer.list", "customer.detail", "customer.edit"];

    public static Task<JsonElement> ScheduleAsync(this ApiCaller caller, object body) => caller.CreatedAsync(EventsRoute, body);

    /// <summary>A one-hour event starting at the UTC moment, in UTC.</summary>
    public static object Meeting(string title, DateTimeOffset start, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = title, ["start"] = Text(start), ["end"] = Text(start.AddHours(1)),
        };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return body;
    }

    public static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The caller's calendar over [from, to) in the display zone.</summary>
    public static async Task<JsonElement> CalendarAsync(this ApiCaller caller, DateTimeOffset from, DateTimeOffset to, string? zone = null) =>
        await caller.GetJsonAsync($"{CalendarRoute}?from={Uri.EscapeDataString(Text(from))}&to={Uri.EscapeDataString(Text(to))}"
            + (zone is null ? "" : "&timeZone=" + Uri.EscapeDataString(zone)));

    public static List<JsonElement> Items(this JsonElement calendar, string type) =>
        [.. calendar.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("type").GetString() == type)];

    public static DateTimeOffset At(this JsonElement e, string property) => e.GetProperty(property).GetDateTimeOffset();
}
