using System.Globalization;
using Crm.Events.Settings;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Settings;

/// <summary>What every settings endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct SettingsServices(
    HttpContext Http, CallerAccess Caller, SettingsHandler Handler, SettingsReader Settings, EventStore.EventStore Store, CancellationToken Ct);

/// <summary>/api/settings: read by anyone signed in, changed by administrators; every change is an event.</summary>
public static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings").WithTags("Settings").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetSettings).WithName("GetSettings").Documented(SettingsApiDocs.Get);
        group.MapPatch("/", ChangeSettings).WithName("ChangeSettings").AsCommand(CommandHeaders.IfMatch).Documented(SettingsApiDocs.Change);
        // The values are read by every client (page sizes, text length); who changed what is the configuration editor's view.
        group.MapGet("/history", GetSettingsHistory).WithName("GetSettingsHistory").RequirePermission("settings.view")
            .Documented(SettingsApiDocs.History);
        return group;
    }

    /// <summary>The system settings.</summary>
    private static async Task<Ok<SettingsValues>> GetSettings([AsParameters] SettingsServices s)
    {
        s.Settings.Forget();
        var (state, version) = await s.Settings.CurrentWithVersionAsync(s.Ct);
        s.Http.Response.Headers.ETag = Preconditions.ETag(version);
        return TypedResults.Ok(SettingsValues.From(state));
    }

    /// <summary>Change system settings: only the fields sent change.</summary>
    private static async Task<Results<Ok<SettingsValues>, ProblemHttpResult>> ChangeSettings(ChangeSettingsRequest body, [AsParameters] SettingsServices s)
    {
        if (await IdentityGuard.RequireAdministratorAsync(s.Http, "settings.edit", s.Ct) is { } forbidden) return forbidden;
        var outcome = await s.Handler.ChangeAsync(new ChangeSettings(body.ToChanges()), s.Caller, s.Http.Command(), s.Ct);
        s.Settings.Forget();
        if (outcome.Error is { } error) return error.ToProblem();
        var (current, version) = await s.Settings.CurrentWithVersionAsync(s.Ct);
        s.Http.Response.Headers.ETag = Preconditions.ETag(version);
        return TypedResults.Ok(SettingsValues.From(current));
    }

    /// <summary>The settings' change log.</summary>
    private static async Task<Ok<SettingsHistoryResponse>> GetSettingsHistory([AsParameters] SettingsServices s)
    {
        var events = await s.Store.ReadStreamAsync(SystemSettings.StreamId, ct: s.Ct);
        var items = events.Select(e => new HistoryEntry(e.Version, e.Timestamp, "changed", e.EventType, e.Metadata.ActorId, e.Metadata.RequestId,
            e.Data is SettingsChanged changed
                ? changed.Changes.Select(c => new FieldChange(c.Name, Text(c.Old), Text(c.New))).ToList()
                : [])).ToList();
        return TypedResults.Ok(new SettingsHistoryResponse(items));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
