using System.Text.Json;
using Crm.Events;
using Crm.Events.Integrations;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.EventStore.Subscriptions;
using Npgsql;

namespace Crm.Projections.Integrations;

/// <summary>
/// The webhook dispatcher (SET-5), a subscription (docs/event-store.md, "Subscriptions"): every event of the feed is matched against
/// the webhooks as they were at that point of the feed — kept in its own state, crm.webhook_routes, fed by the webhook events it reads
/// in the same order — and each match becomes a <see cref="WebhookDeliveryDue"/> message, handed to the outbox in the daemon's
/// transaction. A redelivery request becomes a message of a new round. A replay sends again what the log has not delivered: the
/// delivery log outlives it (the handler skips what it delivered already).
/// </summary>
public sealed class WebhooksSubscription(ISubscriptionOutbox outbox) : Subscription(outbox)
{
    public const string SubscriptionName = "crm.webhooks_dispatch";

    public override string Name => SubscriptionName;

    public override IReadOnlyCollection<Type> EventTypes { get; } = [.. EventCatalogue.All.Select(e => e.Type)];

    private sealed record Route(Guid Id, string[] EventTypes, IReadOnlyList<WebhookCondition> Filter, bool Enabled);

    protected override async Task HandleAsync(IReadOnlyList<StoredEvent> events, SubscriptionBatch batch, CancellationToken ct)
    {
        var routes = await LoadAsync(batch.Context, ct);
        var changed = new HashSet<Guid>();
        foreach (var e in events)
        {
            // To the webhooks as they were before the event: a webhook's own creation or change goes by its earlier settings.
            await RouteAsync(e, routes.Values, batch, ct);
            switch (e.Data)
            {
                case WebhookCreated x:
                    routes[x.WebhookId] = new Route(x.WebhookId, [.. x.EventTypes], x.Filter, true);
                    changed.Add(x.WebhookId);
                    break;
                case WebhookChanged x:
                    routes[x.WebhookId] = new Route(x.WebhookId, [.. x.EventTypes], x.Filter, x.Enabled);
                    changed.Add(x.WebhookId);
                    break;
                case WebhookDeleted x:
                    routes.Remove(x.WebhookId);
                    changed.Add(x.WebhookId);
                    break;
                case WebhookRedeliveryRequested x:
                    await batch.SendAsync(e.EventId, new WebhookDeliveryDue(x.DeliveryId, x.WebhookId, x.EventId, e.EventId, 1, true), ct: ct);
                    break;
            }
        }
        await SaveAsync(routes, changed, batch.Context, ct);
    }

    private static async Task RouteAsync(StoredEvent e, IEnumerable<Route> routes, SubscriptionBatch batch, CancellationToken ct)
    {
        JsonElement? data = null;
        foreach (var route in routes)
        {
            if (!route.Enabled || !WebhookEventTypes.Matches(route.EventTypes, e.EventType)) continue;
            if (route.Filter.Count > 0)
            {
                data ??= JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), JsonSerializerOptions.Web);
                if (!WebhookFilters.Matches(route.Filter, data.Value)) continue;
            }
            var id = WebhookDeliveryDue.IdOf(route.Id, e.EventId);
            await batch.SendAsync(id, new WebhookDeliveryDue(id, route.Id, e.EventId, e.EventId, 1, false), ct: ct);
        }
    }

    private static async Task<Dictionary<Guid, Route>> LoadAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("select id, event_types, filter::text, enabled from crm.webhook_routes");
        var routes = new Dictionary<Guid, Route>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            routes[r.GetGuid(0)] = new Route(r.GetGuid(0), r.GetFieldValue<string[]>(1), WebhookFilters.Read(r.GetString(2)), r.GetBoolean(3));
        return routes;
    }

    private static async Task SaveAsync(Dictionary<Guid, Route> routes, HashSet<Guid> changed, ProjectionContext context, CancellationToken ct)
    {
        foreach (var id in changed)
        {
            await using var cmd = context.CreateCommand(routes.TryGetValue(id, out var route)
                ? """
                  insert into crm.webhook_routes (id, event_types, filter, enabled) values (@id, @types, @filter::jsonb, @enabled)
                  on conflict (id) do update set event_types = excluded.event_types, filter = excluded.filter, enabled = excluded.enabled
                  """
                : "delete from crm.webhook_routes where id = @id");
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            if (route is not null)
            {
                cmd.Parameters.Add(new NpgsqlParameter<string[]>("types", route.EventTypes));
                cmd.Parameters.Add(new NpgsqlParameter<string>("filter", WebhookFilters.Write(route.Filter)));
                cmd.Parameters.Add(new NpgsqlParameter<bool>("enabled", route.Enabled));
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    protected override async Task ResetStateAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.webhook_routes");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
