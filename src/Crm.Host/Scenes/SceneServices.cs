using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Scenes;
using Crm.Write.Scenes;

namespace Crm.Host.Scenes;

/// <summary>What every scene endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct SceneServices(
    HttpContext Http, CallerAccess Caller, SceneHandler Handler, SceneQueries Scenes, SceneKinds Kinds, DatabaseRetry Retry,
    EventStore.EventStore Store, CancellationToken Ct);
