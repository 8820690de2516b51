using Crm.Events;
using Crm.Projections.Calendar;

namespace Crm.Projections.Tests.Calendar;

/// <summary>The supported RRULE subset and its expansion in the event's zone, bounded whatever the rule says.</summary>
public sealed class expanding_series
{
    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=FR,MO;INTERVAL=2;COUNT=4", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=4")]
    [InlineData("rrule:freq=daily;interval=1", "FREQ=DAILY")]
    [InlineData("FREQ=MONTHLY;UNTIL=20301231T235959Z", "FREQ=MONTHLY;UNTIL=20301231T235959Z")]
    public void a_supported_rule_is_answered_in_one_spelling(string rule, string canonical) =>
        Assert.Equal((canonical, (string?)null), CalendarRecurrenceRule.Check(rule));

    [Theory]
    [InlineData("FREQ=HOURLY")]
    [InlineData("FREQ=DAILY;BYHOUR=9")]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,MO")]
    [InlineData("FREQ=DAILY;INTERVAL=0")]
    [InlineData("FREQ=DAILY;COUNT=1001")]
    [InlineData("FREQ=DAILY;UNTIL=tomorrow")]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY")]
    [InlineData("COUNT=3")]
    [InlineData("FREQ=DAILY;X-NAME=1")]
    [InlineData("FREQ=MONTHLY;INTERVAL=99;COUNT=1000")]
    [InlineData("FREQ=WEEKLY;INTERVAL=99;COUNT=100")]
    [InlineData("FREQ=DAILY;INTERVAL=99;COUNT=400")]
    public void anything_else_is_refused(string rule) => Assert.NotNull(CalendarRecurrenceRule.Check(rule).Problem);

    [Fact]
    public void a_counted_series_of_up_to_a_hundred_years_is_accepted()
    {
        Assert.Null(CalendarRecurrenceRule.Check("FREQ=MONTHLY;INTERVAL=12;COUNT=98").Problem);
        Assert.Null(CalendarRecurrenceRule.Check("FREQ=DAILY;INTERVAL=36;COUNT=1000").Problem);
    }

    [Fact]
    public void an_unbounded_daily_series_yields_only_the_window_and_never_more_than_the_cap()
    {
        var fields = new CalendarEventFields("Daily", null, null, DateTimeOffset.Parse("2000-01-01T01:00:00Z"), DateTimeOffset.Parse("2000-01-01T02:00:00Z"),
            false, "Asia/Shanghai", "FREQ=DAILY", []);
        var from = DateTimeOffset.Parse("2030-01-01T00:00:00Z");
        var week = CalendarOccurrences.Between(fields, [], from, from.AddDays(7), 1000);
        Assert.Equal(7, week.Count);
        Assert.All(week, o => Assert.Equal(9, CalendarZones.InZone(o.Start, "Asia/Shanghai").Hour));
        Assert.Equal(10, CalendarOccurrences.Between(fields, [], from, from.AddDays(366), 10).Count);
        Assert.Null(CalendarOccurrences.Span(fields, []).Last);
    }

    [Theory]
    [InlineData("FREQ=DAILY;INTERVAL=3", false)]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA", false)]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20021231T000000Z", false)]
    [InlineData("FREQ=DAILY;INTERVAL=2", true)]
    [InlineData("FREQ=WEEKLY;INTERVAL=3", true)]
    public void a_series_begun_long_before_the_window_yields_there_what_a_walk_from_its_start_yields(string rule, bool allDay)
    {
        // Berlin: the window is years after the start and holds a DST change; 09:00 local is what both must keep.
        var start = allDay ? DateTimeOffset.Parse("2001-02-03T00:00:00Z") : DateTimeOffset.Parse("2001-02-03T08:00:00Z");
        var fields = new CalendarEventFields("Long", null, null, start, allDay ? start : start.AddHours(1), allDay, "Europe/Berlin", rule, []);
        var from = DateTimeOffset.Parse("2002-10-14T00:00:00Z");
        var near = CalendarOccurrences.Between(fields, [], from, from.AddDays(30), 1000);
        // The series walked whole from its start (short enough for the walk's bound) is the reference.
        var walked = CalendarOccurrences.Between(fields, [], start, from.AddDays(30), 20000).Where(o => o.End > from).ToList();
        Assert.NotEmpty(near);
        Assert.Equal(walked.Select(o => (o.OriginalStart, o.Start, o.End)), near.Select(o => (o.OriginalStart, o.Start, o.End)));
        Assert.True(CalendarOccurrences.Has(fields, near[^1].OriginalStart));
    }
}
