using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Notifications;
using Crm.Write.Notifications;

namespace Crm.Host.Notifications;

/// <summary>What every notification endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct NotificationServices(
    HttpContext Http, CallerAccess Caller, NotificationHandler Handler, NotificationQueries Notifications, InboxSignals Signals, SettingsReader Settings,
    DatabaseRetry Retry, CancellationToken Ct);
