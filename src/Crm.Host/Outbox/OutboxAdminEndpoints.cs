using Crm.Host.Access;
using Crm.Host.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Outbox;

/// <summary>A message Wolverine gave up on after its retries (a notification's e-mail or webhook, an in-app row).</summary>
/// <param name="MessageType">Wolverine's name of the message type (e.g. the webhook channel's).</param>
public sealed record OutboxDeadLetterResponse(Guid Id, string MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? SentAt);

/// <summary>What Wolverine's durable inbox holds now.</summary>
/// <param name="Pending">Messages due for a handler now (scheduled retries not yet due are left out).</param>
/// <param name="DeadLetters">The newest 100 dead letters.</param>
public sealed record OutboxStatusResponse(long Pending, long DeadLetterCount, IReadOnlyList<OutboxDeadLetterResponse> DeadLetters);

/// <summary>GET /api/admin/outbox: the durable outbox's state for operators (side effects waiting, and those that failed for good).</summary>
public static class OutboxAdminEndpoints
{
    public static RouteHandlerBuilder MapOutboxAdminApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/outbox", Read).WithTags("Read models").RequireAuthorization().WithName("ReadOutboxStatus")
            .RequirePermission("projection.list").Documented(new ApiDoc("The outbox: waiting side effects and dead letters",
                "Wolverine's durable inbox: how many messages are due for a handler now, and the messages it gave up on after their "
                + "retries (e-mail and webhook deliveries of notifications, newest first, at most 100). A host run without the outbox "
                + "answers zeros.") { Problems = [401, 403] });

    /// <summary>The outbox's state.</summary>
    private static async Task<Ok<OutboxStatusResponse>> Read(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<OutboxStatus>() is not { } status) return TypedResults.Ok(new OutboxStatusResponse(0, 0, []));
        var counts = await status.ReadAsync(ct);
        var letters = await status.DeadLettersAsync(100, ct);
        return TypedResults.Ok(new OutboxStatusResponse(counts.Pending, counts.DeadLetters,
            [.. letters.Select(l => new OutboxDeadLetterResponse(l.Id, l.MessageType, l.ExceptionType, l.ExceptionMessage, l.SentAt))]));
    }
}
