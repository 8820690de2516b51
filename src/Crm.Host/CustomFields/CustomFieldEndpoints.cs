using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.CustomFields;
using Crm.Write;
using Crm.Write.CustomFields;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.CustomFields;

/// <summary>What every custom-field endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct CustomFieldServices(
    HttpContext Http, CallerAccess Caller, CustomFieldHandler Handler, CustomFieldQueries Fields, EventStore.EventStore Store, CancellationToken Ct);

/// <summary>/api/custom-fields (SET-1): reading takes custom-field.list, defining and changing custom-field.edit; every change is an event.</summary>
public static class CustomFieldEndpoints
{
    public static RouteGroupBuilder MapCustomFieldsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/custom-fields").WithTags("Custom fields").RequireAuthorization();
        group.MapGet("/", List).WithName("ListCustomFields").RequirePermission("custom-field.list").Documented(CustomFieldApiDocs.List);
        group.MapPost("/", Create).WithName("CreateCustomField").RequirePermission("custom-field.edit").AsCommand(CommandHeaders.IdempotencyKey)
            .Documented(CustomFieldApiDocs.Create);
        group.MapGet("/{id}", Get).WithName("GetCustomField").RequirePermission("custom-field.list").Documented(CustomFieldApiDocs.Get);
        group.MapPatch("/{id}", Update).WithName("UpdateCustomField").RequirePermission("custom-field.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(CustomFieldApiDocs.Update);
        group.MapDelete("/{id}", Retire).WithName("RetireCustomField").RequirePermission("custom-field.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(CustomFieldApiDocs.Retire);
        group.MapGet("/{id}/history", History).WithName("GetCustomFieldHistory").RequirePermission("custom-field.list")
            .Documented(CustomFieldApiDocs.History);
        return group;
    }

    /// <summary>The custom fields of one kind, or of every kind.</summary>
    /// <param name="kind">lead, customer, contact, opportunity, contract or product; absent: every kind.</param>
    /// <param name="includeRetired">true: retired fields too (default false).</param>
    private static async Task<Results<Ok<CustomFieldListResponse>, ProblemHttpResult>> List(string? kind, bool? includeRetired,
        [AsParameters] CustomFieldServices s)
    {
        if (kind is not null && !CustomFieldTypes.Kinds.Contains(kind))
            return DomainProblems.Invalid("kind", "kind_invalid", "kind is one of: " + string.Join(", ", CustomFieldTypes.Kinds) + ".");
        var rows = await s.Fields.ListAsync(kind, includeRetired ?? false, s.Ct);
        return TypedResults.Ok(new CustomFieldListResponse([.. rows.Select(CustomFieldResponse.From)]));
    }

    /// <summary>Read a custom field.</summary>
    /// <param name="id">The field's id.</param>
    private static async Task<Results<Ok<CustomFieldResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] CustomFieldServices s)
    {
        var row = await s.Fields.GetAsync(id, s.Ct);
        if (row is null) return CustomField.NotFound(id).ToProblem();
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(CustomFieldResponse.From(row));
    }

    /// <summary>Define a custom field.</summary>
    private static async Task<Results<Created<CustomFieldResponse>, ProblemHttpResult>> Create(
        CreateCustomFieldRequest body, [AsParameters] CustomFieldServices s)
    {
        // The id is named by kind and key; an unusable pair gets an id of its own, and the decider names the field at fault.
        var id = CustomFieldTypes.Kinds.Contains(body.Kind ?? "") && CustomFieldIds.IsKey(body.Key)
            ? CustomFieldIds.Of(body.Kind!, body.Key!) : Guid.CreateVersion7();
        var outcome = await s.Handler.DefineAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/custom-fields/{outcome.StreamId}", await Written(outcome, s));
    }

    /// <summary>Change a custom field's label, constraints, default, options or order.</summary>
    /// <param name="id">The field's id.</param>
    private static async Task<Results<Ok<CustomFieldResponse>, ProblemHttpResult>> Update(Guid id, UpdateCustomFieldRequest body,
        [AsParameters] CustomFieldServices s)
    {
        var outcome = await s.Handler.ChangeAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>Retire a custom field.</summary>
    /// <param name="id">The field's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Retire(Guid id, [AsParameters] CustomFieldServices s)
    {
        var outcome = await s.Handler.RetireAsync(new RetireCustomField(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>A custom field's operation log.</summary>
    /// <param name="id">The field's id.</param>
    private static async Task<Results<Ok<CustomFieldHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] CustomFieldServices s)
    {
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        if (events.Count == 0 || events[0].Data is not Events.CustomFields.CustomFieldDefined) return CustomField.NotFound(id).ToProblem();
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new CustomFieldHistoryResponse(id, CustomFieldHistory.Of(events)));
    }

    private static async Task<CustomFieldResponse> Written(CommandOutcome outcome, CustomFieldServices s) =>
        CustomFieldResponse.From(await s.Http.WrittenAsync(outcome, "Custom field",
            (id, version, t) => s.Store.ReadAsOfAsync<CustomFieldRow>(id, version, null, CustomFieldRow.Evolve, t), r => r.Version, s.Ct));
}
