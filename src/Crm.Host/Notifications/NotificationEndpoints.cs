using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Write.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Notifications;

/// <summary>/api/notifications: the signed-in user's own in-app notifications (WORK-4 for customers and the pool).</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List).WithName("ListNotifications").Documented(NotificationApiDocs.List);
        group.MapPost("/{id}/read", MarkRead).WithName("ReadNotification").AsCommand().Documented(NotificationApiDocs.MarkRead);
        group.MapPost("/read-all", MarkAllRead).WithName("ReadAllNotifications").AsCommand().Documented(NotificationApiDocs.MarkAllRead);
        group.MapGet("/unread-count", UnreadCount).WithName("CountUnreadNotifications").Documented(NotificationApiDocs.UnreadCount);
        group.MapGet("/stream", NotificationStream.Open).WithName("StreamNotifications")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").Documented(NotificationApiDocs.Stream);
        return group;
    }

    /// <summary>The caller's notifications.</summary>
    /// <param name="unread">Only unread ones.</param>
    /// <param name="limit">Page size; default and cap: listPageSize.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<NotificationListResponse>, ProblemHttpResult>> List(
        bool? unread, int? limit, string? cursor, [AsParameters] NotificationServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var page = await s.Retry.Reads.ExecuteAsync(async t => await s.Notifications.ListAsync(s.Caller.ActorId, unread ?? false, size, cursor, t), s.Ct);
        return TypedResults.Ok(new NotificationListResponse(page.Items.Select(NotificationResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Mark a notification read.</summary>
    /// <param name="id">The notification's id.</param>
    private static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> MarkRead(Guid id, [AsParameters] NotificationServices s)
    {
        var outcome = await s.Handler.MarkReadAsync(new MarkNotificationRead(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        // The read model as the append left it (inline projection); retried, so a committed read is never answered 500.
        var row = await s.Retry.Reads.ExecuteAsync(async t => await s.Notifications.GetAsync(id, t), s.Ct);
        if (row is null) return NotificationHandler.NotFound(id).ToProblem();
        if (!outcome.Replayed && outcome.Events.Count > 0) await s.Signals.ReadChangedAsync(s.Caller.ActorId, s.Ct);
        return TypedResults.Ok(NotificationResponse.From(row));
    }

    /// <summary>Mark your unread notifications read.</summary>
    /// <param name="until">Only those created at or before this moment (ISO 8601): the newest one your screen shows, so a notification
    /// that arrived since is not marked read unseen. All when absent.</param>
    private static async Task<Results<Ok<ReadAllResponse>, ProblemHttpResult>> MarkAllRead(DateTimeOffset? until, [AsParameters] NotificationServices s)
    {
        var outcome = await s.Handler.MarkAllReadAsync(until, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var marked = outcome.Events.OfType<Crm.Events.Notifications.NotificationsReadAll>().Sum(e => e.NotificationIds.Count);
        if (marked > 0) await s.Signals.ReadChangedAsync(s.Caller.ActorId, s.Ct);
        var unread = await s.Retry.Reads.ExecuteAsync(async t => await s.Notifications.UnreadCountAsync(s.Caller.ActorId, t), s.Ct);
        return TypedResults.Ok(new ReadAllResponse(marked, unread));
    }

    /// <summary>How many of your notifications are unread.</summary>
    private static async Task<Ok<UnreadCountResponse>> UnreadCount([AsParameters] NotificationServices s) =>
        TypedResults.Ok(new UnreadCountResponse(
            await s.Retry.Reads.ExecuteAsync(async t => await s.Notifications.UnreadCountAsync(s.Caller.ActorId, t), s.Ct)));
}
