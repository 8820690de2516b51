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
        return row is null ? NotificationHandler.NotFound(id).ToProblem() : TypedResults.Ok(NotificationResponse.From(row));
    }
}
