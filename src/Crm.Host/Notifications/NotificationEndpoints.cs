using System.Security.Cryptography;
using Crm.EventStore;
using Crm.Events.Notifications;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Notifications;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Notifications;

/// <summary>An in-app notification.</summary>
/// <param name="Kind">customer_transferred, customer_assigned, customer_recycling_warning, customer_recycled or contact_transferred.</param>
/// <param name="DueAt">For recycling warnings: when the customer goes back to the pool.</param>
/// <param name="ReadAt">Null while unread.</param>
public sealed record NotificationResponse(
    Guid Id,
    [property: WireValues("customer_transferred", "customer_assigned", "customer_recycling_warning", "customer_recycled",
        "contact_transferred")] string Kind, string RecordType, Guid RecordId, string Message, DateTimeOffset? DueAt, Guid? ActorId,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationResponse From(NotificationRow r) => new(r.Id, r.Kind, r.RecordType, r.RecordId, r.Message, r.DueAt, r.ActorId, r.CreatedAt, r.ReadAt);
}

/// <summary>One page of the caller's notifications, newest first.</summary>
public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Items, string? NextCursor);

/// <summary>/api/notifications: the signed-in user's own in-app notifications (WORK-4 for customers and the pool).</summary>
public static class NotificationEndpoints
{
    public const string InboxStreamType = "notification-inbox";

    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d60","kind":"customer_transferred","recordType":"customer","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","message":"Customer Acme Trading was transferred to you.","dueAt":null,"actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","createdAt":"2026-03-02T10:30:00+00:00","readAt":null}
        """;

    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List).WithName("ListNotifications")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem()
            .WithSummary("Your notifications, newest first")
            .WithDescription("Only your own: customers transferred or assigned to you, recycling warnings and recyclings of your customers, contacts transferred to you. unread=true leaves out the read ones. Keyset paging; limit defaults to and is capped by listPageSize.")
            .WithExamples(response: $$"""{"items":[{{Example}}],"nextCursor":null}""");
        group.MapPost("/{id}/read", MarkRead).WithName("ReadNotification")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Mark one of your notifications read")
            .WithDescription("Recorded as notification.read on your inbox stream. Reading a read notification changes nothing. Someone else's notification is a 404.")
            .WithExamples(response: Example);
        return group;
    }

    /// <summary>The caller's notifications.</summary>
    /// <param name="unread">Only unread ones.</param>
    /// <param name="limit">Page size; default and cap: listPageSize.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<NotificationListResponse>, ProblemHttpResult>> List(
        bool? unread, int? limit, string? cursor, CallerAccess caller, NotificationQueries notifications, SettingsReader settings, DatabaseRetry retry, CancellationToken ct)
    {
        var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct);
        if (bad is not null) return bad;
        var page = await retry.Reads.ExecuteAsync(async t => await notifications.ListAsync(caller.ActorId, unread ?? false, size, cursor, t), ct);
        return TypedResults.Ok(new NotificationListResponse(page.Items.Select(NotificationResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Mark a notification read.</summary>
    /// <param name="id">The notification's id.</param>
    private static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> MarkRead(
        Guid id, HttpContext http, CallerAccess caller, NotificationQueries notifications, EventStore.EventStore store, TimeProvider clock, DatabaseRetry retry, CancellationToken ct)
    {
        var row = await retry.Reads.ExecuteAsync(async t => await notifications.GetAsync(id, t), ct);
        if (row is null || row.UserId != caller.ActorId)
            return DomainError.NotFound("notification_not_found", $"Notification {id} does not exist or is not yours.").ToProblem();
        if (row.ReadAt is null)
        {
            var request = CommandRequests.For(http, null);
            await store.AppendAsync(new StreamAppend(InboxId(caller.ActorId), InboxStreamType, ExpectedVersion.Any,
                [new NotificationRead(caller.ActorId, id, clock.GetUtcNow())]), new AppendOptions { Metadata = request.Metadata }, ct);
            row = await notifications.GetAsync(id, ct) ?? row;
        }
        return TypedResults.Ok(NotificationResponse.From(row));
    }

    /// <summary>A user's inbox stream: a fixed id derived from the user's id (a name-based UUID, version 8).</summary>
    public static Guid InboxId(Guid userId)
    {
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData([.. "crm.notification-inbox:"u8, .. userId.ToByteArray()], bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes[..16], bigEndian: true);
    }
}
