using Crm.Events.Settings;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Settings;

/// <summary>The system settings (SET-2). Absent fields in a PATCH stay as they are.</summary>
/// <param name="AttachmentMaxMegabytes">Largest attachment, 1 to 30 MB (default 3).</param>
/// <param name="ListPageSize">Rows per list page, 1 to 500 (default 20).</param>
/// <param name="RelatedListPageSize">Rows per related list (a customer's contacts …), 1 to 500 (default 10).</param>
/// <param name="PickerPageSize">Rows per picker page, 1 to 500 (default 20).</param>
/// <param name="ListTextLength">Characters of long text shown in lists, 10 to 1000 (default 50).</param>
/// <param name="SessionTimeoutHours">Hours a sign-in lasts, 1 to 720 (default 12).</param>
public sealed record SettingsValues(
    long? AttachmentMaxMegabytes, long? ListPageSize, long? RelatedListPageSize, long? PickerPageSize, long? ListTextLength, long? SessionTimeoutHours)
{
    public static SettingsValues From(SettingsState s) => new(s[SystemSettings.AttachmentMaxMegabytes], s[SystemSettings.ListPageSize],
        s[SystemSettings.RelatedListPageSize], s[SystemSettings.PickerPageSize], s[SystemSettings.ListTextLength], s[SystemSettings.SessionTimeoutHours]);
}

/// <summary>The settings to change: only the ones sent change (the same fields and ranges as the settings read).</summary>
public sealed record ChangeSettingsRequest(
    long? AttachmentMaxMegabytes, long? ListPageSize, long? RelatedListPageSize, long? PickerPageSize, long? ListTextLength, long? SessionTimeoutHours)
{
    public Dictionary<string, long?> ToChanges() => new()
    {
        [SystemSettings.AttachmentMaxMegabytes] = AttachmentMaxMegabytes,
        [SystemSettings.ListPageSize] = ListPageSize,
        [SystemSettings.RelatedListPageSize] = RelatedListPageSize,
        [SystemSettings.PickerPageSize] = PickerPageSize,
        [SystemSettings.ListTextLength] = ListTextLength,
        [SystemSettings.SessionTimeoutHours] = SessionTimeoutHours,
    };
}

/// <summary>The settings' change log, oldest first.</summary>
public sealed record SettingsHistoryResponse(IReadOnlyList<HistoryEntry> Items);

/// <summary>/api/settings: read by anyone signed in, changed by administrators; every change is an event.</summary>
public static class SettingsEndpoints
{
    private const string Values = """
        {"attachmentMaxMegabytes":3,"listPageSize":20,"relatedListPageSize":10,"pickerPageSize":20,"listTextLength":50,"sessionTimeoutHours":12}
        """;

    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings").WithTags("Settings").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetSettings).WithName("GetSettings")
            .WithSummary("The system settings")
            .WithDescription("Readable by anyone signed in. ETag is the settings stream's version (0 before the first change).")
            .WithExamples(response: Values);
        group.MapPatch("/", ChangeSettings).WithName("ChangeSettings")
            .WithSummary("Change system settings")
            .WithDescription("Administrators only. Only the fields sent change; a value out of range is a 400 naming the field, and nothing is written. Each change is one event naming every changed setting's old and new value. A new session timeout applies to sign-ins from now on.")
            .WithExamples("""{"listPageSize":50,"sessionTimeoutHours":8}""", Values)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        // The values are read by every client (page sizes, text length); who changed what is the configuration editor's view.
        group.MapGet("/history", GetSettingsHistory).WithName("GetSettingsHistory").RequirePermission("settings.view")
            .WithSummary("The settings' change log")
            .WithDescription("Needs settings.view. One entry per change, oldest first: when, who (actorId), and each setting's old and new value.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithExamples(response: """{"items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"changed","eventType":"settings.changed","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c","changes":[{"field":"listPageSize","old":"20","new":"50"}]}]}""");
        return group;
    }

    /// <summary>The system settings.</summary>
    private static async Task<Ok<SettingsValues>> GetSettings(HttpContext http, SettingsReader settings, CancellationToken ct)
    {
        settings.Forget();
        var (state, version) = await settings.CurrentWithVersionAsync(ct);
        http.Response.Headers.ETag = Preconditions.ETag(version);
        return TypedResults.Ok(SettingsValues.From(state));
    }

    /// <summary>Change system settings: only the fields sent change.</summary>
    private static async Task<Results<Ok<SettingsValues>, ProblemHttpResult>> ChangeSettings(
        ChangeSettingsRequest body, [Microsoft.AspNetCore.Mvc.FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CommandHandler handler, SettingsReader settings, TimeProvider clock, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "settings.edit", ct) is { } forbidden) return forbidden;
        if (!Preconditions.TryParseIfMatch(ifMatch, out var expected))
            return DomainProblems.Invalid(Preconditions.IfMatchHeader, "if_match_invalid", "Send one ETag exactly as a read returned it, e.g. \"3\".");
        var request = CommandRequests.For(http, body, null, expected);
        var outcome = await handler.HandleAsync(SystemSettings.Decider, SystemSettings.StreamId,
            (state, _, _) => ValueTask.FromResult(SystemSettings.Decide(new ChangeSettings(body.ToChanges()), state, CommandRequests.Context(clock, request))),
            request, ct);
        settings.Forget();
        if (outcome.Error is { } error) return error.ToProblem();
        var (current, version) = await settings.CurrentWithVersionAsync(ct);
        http.Response.Headers.ETag = Preconditions.ETag(version);
        return TypedResults.Ok(SettingsValues.From(current));
    }

    /// <summary>The settings' change log.</summary>
    private static async Task<Ok<SettingsHistoryResponse>> GetSettingsHistory(EventStore.EventStore store, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(SystemSettings.StreamId, ct: ct);
        var items = events.Select(e => new HistoryEntry(e.Version, e.Timestamp, "changed", e.EventType, e.Metadata.ActorId, e.Metadata.RequestId,
            e.Data is SettingsChanged changed
                ? changed.Changes.Select(c => new FieldChange(c.Name, c.Old.ToString(System.Globalization.CultureInfo.InvariantCulture), c.New.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList()
                : [])).ToList();
        return TypedResults.Ok(new SettingsHistoryResponse(items));
    }
}
