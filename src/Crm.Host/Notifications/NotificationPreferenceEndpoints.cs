using Crm.Events;
using Crm.Events.Notifications;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Notifications;

/// <summary>/api/notification-preferences: each user's channels per kind and webhook (their own only), and the administrators' defaults.</summary>
public static class NotificationPreferenceEndpoints
{
    public static RouteGroupBuilder MapNotificationPreferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notification-preferences").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetNotificationPreferences").Documented(NotificationPreferenceApiDocs.Get);
        group.MapPut("/", Choose).WithName("ChooseNotificationChannels").AsCommand().Documented(NotificationPreferenceApiDocs.Choose);
        group.MapPut("/webhook", SetWebhook).WithName("SetNotificationWebhook").AsCommand().Documented(NotificationPreferenceApiDocs.SetWebhook);
        group.MapDelete("/webhook", RemoveWebhook).WithName("RemoveNotificationWebhook").AsCommand().Documented(NotificationPreferenceApiDocs.RemoveWebhook);
        group.MapGet("/defaults", GetDefaults).WithName("GetNotificationDefaults").RequirePermission("settings.view")
            .Documented(NotificationPreferenceApiDocs.GetDefaults);
        group.MapPut("/defaults", ChooseDefaults).WithName("ChooseNotificationDefaults").RequirePermission("settings.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(NotificationPreferenceApiDocs.ChooseDefaults);
        // An administrator's route, beside the user routes it belongs with: another user's webhook.
        app.MapDelete("/api/users/{id}/notification-webhook", RemoveUsersWebhook).WithTags("Users").RequireAuthorization()
            .WithName("RemoveUserNotificationWebhook").RequirePermission("user.edit").AsCommand().Documented(NotificationPreferenceApiDocs.RemoveUsersWebhook);
        return group;
    }

    /// <summary>Your notification preferences.</summary>
    private static async Task<Ok<NotificationPreferencesResponse>> Get(
        CallerAccess caller, NotificationPreferencesReader reader, NotificationDeliverySettings delivery, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(caller.ActorId, reader, delivery, ct));

    /// <summary>Choose your channels per kind.</summary>
    private static async Task<Results<Ok<NotificationPreferencesResponse>, ProblemHttpResult>> Choose(NotificationChoicesRequest body,
        HttpContext http, CallerAccess caller, NotificationPreferencesHandler handler, NotificationPreferencesReader reader,
        NotificationDeliverySettings delivery, CancellationToken ct)
    {
        var outcome = await handler.ChooseAsync(new ChooseNotificationChannels(Events(body.Choices)), caller, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await ReadAsync(caller.ActorId, reader, delivery, ct));
    }

    /// <summary>Set your webhook (a new signing secret each time).</summary>
    private static async Task<Results<Ok<WebhookSetResponse>, ProblemHttpResult>> SetWebhook(SetWebhookRequest body, HttpContext http,
        CallerAccess caller, NotificationPreferencesHandler handler, CancellationToken ct)
    {
        var outcome = await handler.SetWebhookAsync(body.Url, caller, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var set = outcome.Events.OfType<NotificationWebhookSet>().Single();
        return TypedResults.Ok(new WebhookSetResponse(set.Url, set.Secret));
    }

    /// <summary>Remove your webhook.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveWebhook(HttpContext http, CallerAccess caller,
        NotificationPreferencesHandler handler, CancellationToken ct)
    {
        var outcome = await handler.RemoveWebhookAsync(caller, http.Command(), ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Remove a user's webhook (administrators).</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveUsersWebhook(Guid id, HttpContext http, CallerAccess caller,
        NotificationPreferencesHandler handler, CancellationToken ct)
    {
        var outcome = await handler.RemoveWebhookOfAsync(id, caller, http.Command(), ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>The default channels per kind; ETag: the notification-defaults stream's version.</summary>
    private static async Task<Ok<NotificationDefaultsResponse>> GetDefaults(HttpContext http, NotificationPreferencesReader reader, CancellationToken ct)
    {
        var (state, version) = await reader.DefaultsAsync(ct);
        http.Response.SetETag(version);
        return TypedResults.Ok(Defaults(state));
    }

    /// <summary>Choose the default channels per kind.</summary>
    private static async Task<Results<Ok<NotificationDefaultsResponse>, ProblemHttpResult>> ChooseDefaults(NotificationChoicesRequest body,
        HttpContext http, NotificationPreferencesHandler handler, NotificationPreferencesReader reader, CancellationToken ct)
    {
        var outcome = await handler.ChooseDefaultsAsync(new ChooseNotificationDefaults(Events(body.Choices)), http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        // Read back retried: the write is committed, a dropped connection now must not answer 500.
        var (state, version) = await http.ReadBackAsync(t => reader.DefaultsAsync(t), ct);
        http.Response.SetETag(version);
        return TypedResults.Ok(Defaults(state));
    }

    private static IReadOnlyList<NotificationChannelChoice>? Events(IReadOnlyList<NotificationChoiceRequest>? choices) =>
        choices?.Select(c => c?.ToEvent()!).ToList();

    private static NotificationDefaultsResponse Defaults(NotificationDefaultsState state) =>
        new([.. state.Choices.Select(c => new NotificationChoice(c.Kind, c.Channels))]);

    private static async Task<NotificationPreferencesResponse> ReadAsync(
        Guid userId, NotificationPreferencesReader reader, NotificationDeliverySettings delivery, CancellationToken ct)
    {
        var (user, _) = await reader.UserAsync(userId, ct);
        var effective = await reader.EffectiveAsync(user, ct);
        var webhook = user is { WebhookUrl: { } url, WebhookSecret: { } secret } ? new NotificationWebhookResponse(url, "…" + secret[^4..]) : null;
        return new([.. effective.Select(e => new EffectiveNotificationChoice(e.Choice.Kind, e.Choice.Channels, e.Own))], webhook, delivery.EmailConfigured);
    }
}
