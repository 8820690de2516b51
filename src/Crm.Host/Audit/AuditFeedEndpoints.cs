using System.Text.Json;
using Crm.EventStore;
using Crm.Host.Access;
using Crm.Host.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Audit;

/// <summary>
/// GET /api/events: the ordered global feed for integrations and auditors (the permission audit.feed, which no data scope narrows:
/// it is every record's history). Resumable from any position, with the same horizon as the projection daemon, so a reader that
/// resumes from the last position it processed sees every event exactly once.
/// </summary>
public static class AuditFeedEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteHandlerBuilder MapAuditFeedApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/events", ReadFeed).WithTags("Audit").RequireAuthorization().WithName("ReadEventFeed").RequirePermission("audit.feed")
            .Documented(AuditFeedApiDocs.Feed);

    /// <summary>The events after a position.</summary>
    /// <param name="after">A position from an earlier page (an item's position or next); none: from the first event.</param>
    /// <param name="limit">Events per page, 1 to 1,000 (default 100).</param>
    private static async Task<Results<Ok<FeedEventPage>, ProblemHttpResult>> ReadFeed(string? after, int? limit, EventStore.EventStore store,
        CancellationToken ct)
    {
        var from = GlobalPosition.Start;
        if (!string.IsNullOrEmpty(after) && !GlobalPosition.TryParse(after, out from))
            return DomainProblems.Invalid("after", "position_invalid", "Pass a position exactly as an earlier page returned it.");
        if (limit is < 1 or > MaxLimit)
            return DomainProblems.Invalid("limit", "limit_out_of_range", $"The page size is 1 to {MaxLimit}.");
        var size = limit ?? DefaultLimit;
        var rows = await store.ReadFeedRowsAsync(from, size + 1, ct);
        var items = rows.Take(size).Select(Item).ToList();
        return TypedResults.Ok(new FeedEventPage(items, items.Count > 0 ? items[^1].Position : from.ToString(), rows.Count > size));
    }

    /// <summary>An event of the feed as the feed (and every webhook delivery) shows it: secrets redacted, unknown shapes withheld.</summary>
    public static FeedEvent Item(FeedRow r)
    {
        var data = FeedRedaction.Data(r.EventType, r.SchemaVersion, r.Data);
        return new FeedEvent(r.Position.ToString(), r.EventId, r.StreamId, r.Version, r.EventType, r.SchemaVersion, data ?? [], data is null,
            Metadata(r.Metadata), r.Timestamp);
    }

    private static FeedEventMetadata Metadata(string json) =>
        JsonSerializer.Deserialize<FeedEventMetadata>(json, Json) ?? new FeedEventMetadata(null, null, null, null);
}
