using Crm.Host.Access;
using Crm.Host.Org;
using Crm.Host.Settings;
using Crm.Projections.Tasks;
using Crm.Write.Tasks;

namespace Crm.Host.Tasks;

/// <summary>What every task endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct TaskServices(
    HttpContext Http, CallerAccess Caller, TaskHandler Handler, TaskReach Reach, TaskQueries Tasks, RelatedRecords Related,
    SettingsReader Settings, EventStore.EventStore Store, TimeProvider Clock, CallerZones Zones, CancellationToken Ct)
{
    public RelatedView View() => Related.For(Caller);

    /// <summary>Now, and the caller's days around it (their time zone): the bucket every task answer carries.</summary>
    public async Task<WorkbenchBuckets.Bounds> NowAsync() => WorkbenchBuckets.At(Clock.GetUtcNow(), await Zones.OfAsync(Http, Caller.ActorId, Ct));
}
