using System.Security.Cryptography;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Calendar;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Calendar;

/// <summary>
/// The .ics feed (WORK-3): a secret URL per user that calendar clients subscribe to without a session. The token is 256 random bits,
/// shown once; only its SHA-256 is kept (event and table), and the .ics route finds the feed by that hash, so an unknown, revoked or
/// disabled user's token all answer the same 404 after the same one index lookup.
/// </summary>
public static partial class CalendarEndpoints
{
    private static void MapCalendarFeed(this RouteGroupBuilder group)
    {
        group.MapPost("/feed", IssueFeed).WithName("IssueCalendarFeed").RequirePermission("schedule.list").AsCommand().Documented(CalendarApiDocs.IssueFeed);
        group.MapDelete("/feed", RevokeFeed).WithName("RevokeCalendarFeed").RequirePermission("schedule.list").AsCommand()
            .Documented(CalendarApiDocs.RevokeFeed);
    }

    private static void MapCalendarIcs(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/calendar.ics", Ics).WithName("GetCalendarIcs").WithTags("Calendar").AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").Documented(CalendarApiDocs.Ics);

    /// <summary>Issue (or re-issue) your calendar feed's secret URL.</summary>
    private static async Task<Results<Ok<CalendarFeedResponse>, ProblemHttpResult>> IssueFeed([AsParameters] CalendarServices s)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var outcome = await s.Handler.IssueFeedAsync(new IssueCalendarFeed(s.Caller.ActorId, Hash(token)), s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new CalendarFeedResponse($"{s.Http.Request.Scheme}://{s.Http.Request.Host}/api/calendar.ics?token={token}"));
    }

    /// <summary>Revoke your calendar feed.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeFeed([AsParameters] CalendarServices s)
    {
        var outcome = await s.Handler.RevokeFeedAsync(new RevokeCalendarFeed(s.Caller.ActorId), s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Your calendar as iCalendar, for a subscribing client.</summary>
    /// <param name="token">The feed's secret, from its URL.</param>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Ics(string? token, CalendarQueries calendar, UserQueries users,
        AccessControl access, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // The answer is one user's calendar behind a secret URL: no shared cache keeps it, no browser stores it.
        http.Response.Headers.CacheControl = "private, no-store";
        var missing = DomainError.NotFound("calendar_feed_not_found", "There is no calendar feed at this address (revoked, or never issued).");
        if (string.IsNullOrEmpty(token) || token.Length > 100) return missing.ToProblem();
        if (await calendar.FeedUserAsync(Hash(token), ct) is not { } userId) return missing.ToProblem();
        var user = await users.GetAsync(userId, ct);
        if (user is null || user.IsDisabled || !new Caller(userId, await access.CurrentAsync(ct)).Can(CalendarEventReach.ReadPermission))
            return missing.ToProblem();
        var now = clock.GetUtcNow();
        var events = await calendar.EventsOfAsync(userId, now.AddDays(-90), new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero), ct);
        var tasks = await calendar.TasksDueAsync(userId, now.AddDays(-30), now.AddDays(366), ct);
        return TypedResults.Text(CalendarIcs.Write(events, tasks, now), "text/calendar; charset=utf-8");
    }

    /// <summary>The stored form of a token: SHA-256, lowercase hex.</summary>
    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
