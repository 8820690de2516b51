using System.Globalization;
using Crm.Events.Integrations;
using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Host.Platform;
using Crm.Projections.Integrations;
using Crm.Write.Integrations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Integrations;

/// <summary>/api/webhooks (SET-5): webhook subscriptions to the event feed, their delivery logs and redelivery. docs/integration.md.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks").WithTags("Integrations").RequireAuthorization();
        group.MapGet("/", List).WithName("ListWebhooks").RequirePermission("webhook.list").Documented(WebhookApiDocs.List);
        group.MapPost("/", Create).WithName("CreateWebhook").ForPeopleOnly().RequirePermission("webhook.edit").AsCommand().Documented(WebhookApiDocs.Create);
        group.MapGet("/{id:guid}", Get).WithName("GetWebhook").RequirePermission("webhook.list").Documented(WebhookApiDocs.Get);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateWebhook").ForPeopleOnly().RequirePermission("webhook.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(WebhookApiDocs.Update);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").ForPeopleOnly().RequirePermission("webhook.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(WebhookApiDocs.Delete);
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries").RequirePermission("webhook.list")
            .Documented(WebhookApiDocs.Deliveries);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver).WithName("RedeliverWebhookDelivery").ForPeopleOnly()
            .RequirePermission("webhook.edit").AsCommand().Documented(WebhookApiDocs.Redeliver);
        return group;
    }

    /// <summary>The webhooks.</summary>
    /// <param name="limit">Webhooks per page, 1 to 500 (default 20).</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    private static async Task<Results<Ok<WebhookListResponse>, ProblemHttpResult>> List(int? limit, string? cursor, WebhookQueries webhooks,
        CancellationToken ct)
    {
        if (Paging(limit, cursor, out var before) is { } bad) return bad;
        var size = limit ?? ListInputs.DefaultPageSize;
        var rows = await webhooks.ListAsync(before, size + 1, ct);
        var page = rows.Take(size).Select(r => WebhookResponse.From(r)).ToList();
        return TypedResults.Ok(new WebhookListResponse(page, rows.Count > size ? page[^1].Id.ToString() : null));
    }

    /// <summary>Subscribe a receiver to events of the feed.</summary>
    private static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> Create(CreateWebhookRequest body, HttpContext http,
        CallerAccess caller, WebhookHandler handler, WebhookQueries webhooks, CancellationToken ct)
    {
        var outcome = await handler.CreateAsync(body.ToInput(), caller, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await http.ReadBackAsync(t => webhooks.GetAsync(outcome.StreamId, t), ct);
        http.Response.SetETag(row!.Version);
        http.Response.Headers.CacheControl = "no-store";
        var secret = outcome.Events.OfType<WebhookCreated>().FirstOrDefault()?.Secret;
        return TypedResults.Created($"/api/webhooks/{row.Id}", WebhookResponse.From(row, secret));
    }

    /// <summary>A webhook.</summary>
    /// <param name="id">The webhook's id.</param>
    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, WebhookQueries webhooks, CancellationToken ct)
    {
        if (await webhooks.GetAsync(id, ct) is not { Deleted: false } row) return Webhook.NotFound(id).ToProblem();
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(WebhookResponse.From(row));
    }

    /// <summary>Change a webhook; only what is sent changes.</summary>
    /// <param name="id">The webhook's id.</param>
    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Update(Guid id, UpdateWebhookRequest body, HttpContext http,
        CallerAccess caller, WebhookHandler handler, WebhookQueries webhooks, CancellationToken ct)
    {
        var outcome = await handler.ChangeAsync(new ChangeWebhook(id, body.ToInput(), body.Enabled), caller, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await http.ReadBackAsync(t => webhooks.GetAsync(id, t), ct);
        http.Response.SetETag(row!.Version);
        return TypedResults.Ok(WebhookResponse.From(row));
    }

    /// <summary>Delete a webhook.</summary>
    /// <param name="id">The webhook's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, CallerAccess caller, WebhookHandler handler,
        CancellationToken ct)
    {
        var outcome = await handler.DeleteAsync(new DeleteWebhook(id), caller, http.Command(), ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>A webhook's delivery log.</summary>
    /// <param name="id">The webhook's id.</param>
    /// <param name="status">Only deliveries of this status: pending, retrying, delivered, dead (the dead letters) or skipped.</param>
    /// <param name="limit">Deliveries per page, 1 to 500 (default 20).</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    private static async Task<Results<Ok<WebhookDeliveryListResponse>, ProblemHttpResult>> Deliveries(Guid id, string? status, int? limit, string? cursor,
        WebhookQueries webhooks, WebhookDeliveryLog log, CancellationToken ct)
    {
        if (limit is < 1 or > ListInputs.MaxPageSize)
            return DomainProblems.Invalid("limit", "limit_out_of_range", $"The page size is 1 to {ListInputs.MaxPageSize}.");
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) return BadCursor();
            before = seq;
        }
        if (status is not null && !WebhookDeliveryLog.Statuses.Contains(status))
            return DomainProblems.Invalid("status", "webhook_delivery_status_invalid", $"One of {string.Join(", ", WebhookDeliveryLog.Statuses)}.");
        if (await webhooks.GetAsync(id, ct) is not { Deleted: false }) return Webhook.NotFound(id).ToProblem();
        var size = limit ?? ListInputs.DefaultPageSize;
        var rows = await log.ListAsync(id, status, before, size + 1, ct);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new WebhookDeliveryListResponse([.. page.Select(WebhookDeliveryResponse.From)], next));
    }

    /// <summary>Deliver an event to a webhook again.</summary>
    /// <param name="id">The webhook's id.</param>
    /// <param name="deliveryId">The delivery's id, from the delivery log.</param>
    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Redeliver(Guid id, Guid deliveryId, HttpContext http,
        CallerAccess caller, WebhookHandler handler, WebhookDeliveryLog log, CancellationToken ct)
    {
        var outcome = await handler.RedeliverAsync(id, deliveryId, caller, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var delivery = await http.ReadBackAsync(t => log.GetAsync(id, deliveryId, t), ct);
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", WebhookDeliveryResponse.From(delivery!));
    }

    private static ProblemHttpResult? Paging(int? limit, string? cursor, out Guid? before)
    {
        before = null;
        if (limit is < 1 or > ListInputs.MaxPageSize)
            return DomainProblems.Invalid("limit", "limit_out_of_range", $"The page size is 1 to {ListInputs.MaxPageSize}.");
        if (cursor is null) return null;
        if (!Guid.TryParse(cursor, out var id)) return BadCursor();
        before = id;
        return null;
    }

    internal static ProblemHttpResult? PagingOf(int? limit, string? cursor, out Guid? before) => Paging(limit, cursor, out before);

    private static ProblemHttpResult BadCursor() =>
        DomainProblems.Invalid("cursor", "cursor_invalid", "Pass back a nextCursor exactly as a previous page returned it.");
}
