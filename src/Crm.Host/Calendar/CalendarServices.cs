using Crm.Host.Access;
using Crm.Projections.Calendar;
using Crm.Write.Calendar;
using Crm.Write.Tasks;

namespace Crm.Host.Calendar;

/// <summary>What every calendar endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct CalendarServices(
    HttpContext Http, CallerAccess Caller, CalendarEventHandler Handler, CalendarEventReach Reach, CalendarQueries Calendar, RelatedRecords Related,
    EventStore.EventStore Store, TimeProvider Clock, CancellationToken Ct)
{
    public RelatedView View() => Related.For(Caller);

    public DateTimeOffset Now => Clock.GetUtcNow();
}
