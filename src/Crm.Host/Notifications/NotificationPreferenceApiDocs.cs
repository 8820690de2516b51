using Crm.Host.Platform;

namespace Crm.Host.Notifications;

/// <summary>What the OpenAPI document says about the notification preference operations (WORK-4), beside the route table.</summary>
internal static class NotificationPreferenceApiDocs
{
    private const string Preferences = """
        {"choices":[{"kind":"customer_transferred","channels":["in_app","email"],"own":true},
        {"kind":"approval_waiting","channels":["in_app"],"own":false}],"webhook":{"url":"https://hooks.example.com/crm","secretHint":"…x9Qa"},
        "emailAvailable":true}
        """;

    private const string Choices = """{"choices":[{"kind":"customer_transferred","channels":["in_app","email"]},{"kind":"customer_recycled","channels":[]}]}""";

    public static readonly ApiDoc Get = new("Your notification preferences",
        "Every kind of notification with the channels it goes through for you (in_app, email, webhook): your own choice (own: true) or "
        + "the administrators' default, else in_app alone. Your webhook's URL and the last characters of its secret; whether this server "
        + "sends e-mail (an SMTP server is configured).")
    { Response = Preferences, Problems = [401] };

    public static readonly ApiDoc Choose = new("Choose your channels per kind",
        "The complete set of your own choices (kinds left out follow the defaults; an empty channel list: that kind not at all). Recorded "
        + "as notification.channels-chosen on your preferences stream; counts from the next notification on. email needs an SMTP server "
        + "and an e-mail address on your user (422 email_unavailable, email_missing); webhook needs your webhook set first (422 webhook_missing).")
    { Request = Choices, Response = Preferences, Problems = [401, 400, 422] };

    public static readonly ApiDoc SetWebhook = new("Set your webhook",
        "Where the webhook channel posts your notifications (JSON, one per request), each signed: `X-Crm-Signature: t=T,v1=S` where T is "
        + "the time in Unix seconds and S the hex HMAC-SHA256, under the secret, of T, a dot and the body; X-Crm-Delivery carries the "
        + "notification id (the same on a retry). Answered with a new secret, shown this once. Retried on the channel's schedule until "
        + "your receiver answers 2xx, then a dead letter. "
        + "Addresses of this network's own machines (loopback, private, link-local) are refused, when set and again at every connection.")
    { Request = """{"url":"https://hooks.example.com/crm"}""", Response = """{"url":"https://hooks.example.com/crm","secret":"whsec_3q2-7wE…"}""",
        Problems = [401, 400, 422] };

    public static readonly ApiDoc RemoveWebhook = new("Remove your webhook",
        "Refused (409 webhook_in_use) while one of your choices names the webhook channel.")
    { Problems = [401, 409] };

    public static readonly ApiDoc RemoveUsersWebhook = new("Remove a user's webhook",
        "For administrators (user.edit): the webhook channel stops posting to the user's receiver from now on (a notification still "
        + "queued is not sent to it either: the URL is read when sending). Done whatever the user's choices say: those naming the "
        + "webhook lose that channel in the same change, and a choice that named the webhook alone is dropped (that kind follows the defaults). "
        + "Only a super administrator may act on a super administrator's account (403 super_admin_protected); an unknown user is 404 "
        + "user_not_found. No webhook: nothing changes. Recorded on the user's preferences with you as the actor.")
    { Problems = [400, 401, 403, 404] };

    public static readonly ApiDoc GetDefaults = new("The default channels per kind",
        "What a user who made no choice for a kind gets; kinds not listed go in-app only. ETag: the defaults' version, to send back in "
        + "If-Match when changing them (\"0\" before any were chosen, which If-Match does not take: send none then).")
    { Response = Choices, Problems = [401, 403] };

    public static readonly ApiDoc ChooseDefaults = new("Choose the default channels per kind",
        "Complete (kinds left out go in-app only). email needs an SMTP server (422 email_unavailable); a default naming email or webhook "
        + "reaches users without an address or a webhook through their other channels only. If-Match: the ETag of GET /defaults; "
        + "412 stale_version when they changed since (nothing is written). Answers the defaults with their new ETag.")
    { Request = Choices, Response = Choices, Problems = [401, 403, 400, 412, 422] };
}
