using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Projections.Notifications;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Crm.Host.Notifications;

/// <summary>
/// GET /api/notifications/stream: the caller's inbox as server-sent events, so a UI updates without polling. <c>unread</c> carries the
/// unread count (first at once, then whenever it changes); <c>notification</c> a new notification (the list's item); <c>ping</c>
/// keeps idle connections open. The stream ends when the token it was opened with would be refused now (<see cref="StreamSession"/>).
/// </summary>
public static class NotificationStream
{
    /// <summary>How long an idle stream waits before a ping (and a fresh look at the unread count and the session), in seconds.</summary>
    public const string BeatSetting = "Crm:Notifications:StreamBeatSeconds";

    /// <summary>The caller's inbox, as it changes.</summary>
    public static async Task<IResult> Open(
        HttpContext http, CallerAccess caller, InboxHub hub, NotificationQueries notifications, IOptions<JsonOptions> json, IConfiguration settings)
    {
        var session = await StreamSession.ForAsync(http, caller.ActorId);
        var subscription = await hub.SubscribeAsync(caller.ActorId, http.RequestAborted);
        http.Response.RegisterForDispose(subscription);
        // No proxy may hold the events back to buffer them.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var beat = TimeSpan.FromSeconds(Math.Clamp(settings.GetValue(BeatSetting, 15.0), 0.1, 300));
        return TypedResults.ServerSentEvents(
            Events(caller.ActorId, subscription, session, beat, notifications, json.Value.SerializerOptions, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        Guid userId, InboxHub.Subscription subscription, StreamSession session, TimeSpan beat, NotificationQueries notifications,
        JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var unread = await notifications.UnreadCountAsync(userId, ct);
        yield return Unread(unread, json);
        while (!ct.IsCancellationRequested)
        {
            var (heard, notificationId) = await NextAsync(subscription, beat, ct);
            if (!await session.StillValidAsync(ct)) yield break;
            if (notificationId is { } id && await notifications.GetAsync(id, ct) is { } row && row.UserId == userId)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(NotificationResponse.From(row), json), "notification") { EventId = id.ToString() };
            }
            var now = await notifications.UnreadCountAsync(userId, ct);
            if (now != unread) yield return Unread(unread = now, json);
            else if (!heard) yield return new SseItem<string>("{}", "ping");
        }
    }

    /// <summary>The next signal (true and the notification's id, if any), or false after a beat of silence.</summary>
    private static async Task<(bool Heard, Guid? NotificationId)> NextAsync(InboxHub.Subscription subscription, TimeSpan beat, CancellationToken ct)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(beat);
        try
        {
            return (true, await subscription.Signals.ReadAsync(silence.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, null);
        }
    }

    private static SseItem<string> Unread(long count, JsonSerializerOptions json) =>
        new(JsonSerializer.Serialize(new UnreadCountResponse(count), json), "unread");
}
