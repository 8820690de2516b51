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
    public void anything_else_is_refused(string rule) => Assert.NotNull(CalendarRecurrenceRule.Check(rule).Problem);

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
}
