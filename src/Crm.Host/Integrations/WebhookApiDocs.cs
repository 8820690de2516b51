using Crm.Host.Platform;

namespace Crm.Host.Integrations;

/// <summary>What the OpenAPI document says about the webhook operations (SET-5), beside the route table.</summary>
internal static class WebhookApiDocs
{
    private const string Webhook = """
        {"id":"0193a5c2-7f3e-7b21-9a4e-2c1d5e6f7a8b","name":"ERP customers","url":"https://erp.example.com/crm-events",
        "eventTypes":["customer.*"],"conditions":[{"path":"ownerId","equalTo":"0193a5c2-1111-7b21-9a4e-2c1d5e6f7a8b"}],"enabled":true,
        "createdBy":"0193a5c2-2222-7b21-9a4e-2c1d5e6f7a8b","createdAt":"2026-12-03T09:00:00Z","updatedAt":"2026-12-03T09:00:00Z"}
        """;

    private const string Delivery = """
        {"id":"8a3f0c2e-5b1d-8e4f-9a2b-3c4d5e6f7a8b","eventId":"0193a5c3-0000-7b21-9a4e-2c1d5e6f7a8b","eventType":"customer.created",
        "status":"dead","attempts":8,"lastError":"The webhook answered 500 to delivery 8a3f0c2e-5b1d-8e4f-9a2b-3c4d5e6f7a8b.",
        "lastAttemptAt":"2026-12-03T10:04:00Z","nextAttemptAt":null,"deliveredAt":null,"createdAt":"2026-12-03T09:01:00Z"}
        """;

    public static readonly ApiDoc List = new("The webhooks",
        "Every live webhook, newest first, without its secret. Keyset pages: pass nextCursor back as cursor.")
    { Response = "{\"items\":[" + Webhook + "],\"nextCursor\":null}", Problems = [401, 403, 400] };

    public static readonly ApiDoc Create = new("Subscribe a receiver to events",
        "Each event of the feed (GET /api/events) of the types named (\"customer.created\", \"customer.*\", \"*\") whose data meets every "
        + "condition is posted to the URL, as the feed shows it. Each request is signed: `X-Crm-Signature: t=T,v1=S`, T the time "
        + "in Unix seconds, S the hex HMAC-SHA256 under the secret of T, a dot and the body (refuse a T more than five minutes old); "
        + "X-Crm-Delivery names the delivery (the same on each retry). The secret is in this answer only. Needs audit.feed as well "
        + "(403 webhook_feed_permission_required): a webhook delivers the feed. URLs to this network's own machines are refused "
        + "(422 webhook_url_private) unless the operator allowed their network; so is every connection that resolves there.")
    {
        Request = """{"name":"ERP customers","url":"https://erp.example.com/crm-events","eventTypes":["customer.*"]}""",
        Response = Webhook.TrimEnd()[..^1] + ",\"secret\":\"whsec_3q2-7wE…\"}", Status = 201, Problems = [401, 403, 400, 422],
    };

    public static readonly ApiDoc Get = new("A webhook", "Without its secret. ETag: the webhook's version.")
    { Response = Webhook, Problems = [401, 403, 404] };

    public static readonly ApiDoc Update = new("Change a webhook",
        "Only what is sent changes; enabled: false stops deliveries (events meanwhile are not delivered later). Needs audit.feed as well.")
    { Request = """{"enabled":false}""", Response = Webhook, Problems = [401, 403, 404, 400, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a webhook",
        "Nothing more is delivered to it; attempts already scheduled are skipped. Needs audit.feed as well.")
    { Problems = [401, 403, 404, 412] };

    public static readonly ApiDoc Deliveries = new("A webhook's delivery log",
        "One entry per event delivered to the webhook, newest first: its status, attempts, last error and next attempt. status=dead lists "
        + "the dead letters (every attempt failed). Keyset pages: pass nextCursor back as cursor.")
    { Response = "{\"items\":[" + Delivery + "],\"nextCursor\":null}", Problems = [401, 403, 404, 400] };

    public static readonly ApiDoc Redeliver = new("Deliver an event again",
        "Starts the delivery again from its first attempt (a new round, the same X-Crm-Delivery). Only a delivery that ended — "
        + "delivered, dead or skipped (409 webhook_delivery_in_progress otherwise). Answered at once (202); the log shows the outcome.")
    { Response = Delivery, Status = 202, Problems = [401, 403, 404, 409] };
}
