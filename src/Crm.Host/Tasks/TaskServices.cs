using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Tasks;
using Crm.Write.Tasks;

namespace Crm.Host.Tasks;

/// <summary>What every task endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct TaskServices(
    HttpContext Http, CallerAccess Caller, TaskHandler Handler, TaskReach Reach, TaskQueries Tasks, RelatedRecords Related,
    SettingsReader Settings, EventStore.EventStore Store, TimeProvider Clock, CancellationToken Ct)
{
    public RelatedView View() => Related.For(Caller);

    public DateTimeOffset Now => Clock.GetUtcNow();
}
