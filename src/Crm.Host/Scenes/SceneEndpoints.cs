using Crm.Host.Access;
using Crm.Host.Contacts;
using Crm.Host.Customers;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Projections.Scenes;
using Crm.Write;
using Crm.Write.Scenes;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Scenes;

/// <summary>/api/scenes (LEAD-6, CUS-9): each user's saved list views (场景) for leads, customers and contacts.</summary>
public static class SceneEndpoints
{
    private const string Kinds = "leads, customers or contacts";

    public static RouteGroupBuilder MapScenesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scenes").WithTags("Scenes").RequireAuthorization();

        group.MapGet("/", ListScenes).WithName("ListScenes")
            .WithSummary("Your saved scenes, in order")
            .WithDescription($"Only your own scenes, ordered by kind, order index, then name. ?kind= ({Kinds}) keeps one kind. Needs only a sign-in.")
            .Produces<SceneListResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithExamples(response: $$"""{"items":[{{Example.Scene}}]}""");
        group.MapPost("/", CreateScene).WithName("CreateScene")
            .WithSummary("Save a list view as a scene")
            .WithDescription($"kind is {Kinds}; name has 1 to 60 characters, unique among your scenes of the kind (409 scene_name_taken). filter, sort and q are checked exactly as the kind's POST /api/<kind>/search checks them, every fault named (filter.<field>, sort). isDefault: true makes it your default for the kind, and your previous default stops being one in the same append. A scene stores a filter, never a data scope. Needs the kind's list permission (lead.list, customer.list, contact.list). With Idempotency-Key, a retry answers the first response and writes nothing.")
            .Produces<SceneResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(Example.Create, Example.Scene, StatusCodes.Status201Created);
        group.MapGet("/{id}", GetScene).WithName("GetScene")
            .WithSummary("Read one of your scenes")
            .WithDescription("ETag is the scene's version. Someone else's scene is a 404.")
            .Produces<SceneResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.Scene);
        group.MapPatch("/{id}", UpdateScene).WithName("UpdateScene")
            .WithSummary("Rename a scene or change what it shows")
            .WithDescription("Only what is sent changes: name (scene.renamed), filter (null removes it), sort, q (\"\" removes it) and order (0 to 10000; scene.filter-changed with each old and new value). Send If-Match with the ETag you read: 412 when it changed since. Someone else's scene is a 404.")
            .Produces<SceneResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithExamples("""{"name":"A-level, Shanghai","filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"order":2}""", Example.Scene);
        group.MapDelete("/{id}", DeleteScene).WithName("DeleteScene")
            .WithSummary("Delete a scene")
            .WithDescription("The scene leaves your list (its history stays). If-Match is optional: 412 when it changed since. Someone else's scene is a 404.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/default", MakeDefault).WithName("MakeSceneDefault")
            .WithSummary("Make a scene your default for its kind")
            .WithDescription("The scene gets scene.made-default and your previous default for the kind gets scene.default-cleared, in one append: there is never more than one. Already the default: nothing changes. If-Match is optional. With Idempotency-Key, a retry answers the first response.")
            .Produces<SceneResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithExamples(response: Example.Scene);
        group.MapDelete("/{id}/default", ClearDefault).WithName("ClearSceneDefault")
            .WithSummary("Stop a scene being your default")
            .WithDescription("The scene gets scene.default-cleared and you have no default for its kind until you choose one. Not the default: nothing changes (the same version comes back). If-Match is optional: 412 when it changed since. Someone else's scene is a 404.")
            .Produces<SceneResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithExamples(response: Example.Scene);
        group.MapGet("/{id}/history", GetHistory).WithName("GetSceneHistory")
            .WithSummary("A scene's operation log")
            .WithDescription("One entry per event, oldest first: version, time, action, actor, request id and each changed part's old and new value. Someone else's scene is a 404.")
            .Produces<SceneHistoryResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.History);
        group.MapPost("/{id}/results", Results).WithName("ApplyScene")
            .WithSummary("Apply a scene: one page of its records")
            .WithDescription("Runs the kind's search (POST /api/leads/search, /api/customers/search, /api/contacts/search) with the scene's filter, sort and q, and answers the same page shape (contacts have no total). The results are always within your data scope as it is now: a scene stores a filter, never a scope. The body (optional) pages: limit (1 to 500), cursor (a previous nextCursor), includeTotal. Needs the kind's list permission. Someone else's scene is a 404.")
            .Produces<LeadListResponse>().Produces<CustomerListResponse>().Produces<ContactListResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithResponseShapes(StatusCodes.Status200OK, typeof(LeadListResponse), typeof(CustomerListResponse), typeof(ContactListResponse))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples("""{"limit":20,"includeTotal":true}""", Example.Results);
        return group;
    }

    /// <summary>Your scenes, in order.</summary>
    /// <param name="kind">leads, customers or contacts; all kinds when left out.</param>
    private static async Task<IResult> ListScenes(string? kind, CallerAccess caller, SceneQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (kind is not null && !SceneKinds.IsKind(kind)) return BadKind("kind");
        var rows = await retry.Reads.ExecuteAsync(async t => await queries.OfOwnerAsync(caller.ActorId, kind, t), ct);
        return TypedResults.Ok(new SceneListResponse(rows.Select(SceneResponse.From).ToList()));
    }

    /// <summary>Save a scene.</summary>
    private static async Task<IResult> CreateScene(
        CreateSceneRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, CallerAccess caller, SceneCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (!SceneKinds.IsKind(body.Kind)) return BadKind("kind");
        if (Forbidden(body.Kind!, caller) is { } forbidden) return forbidden;
        var id = body.Id ?? Guid.CreateVersion7();
        var outcome = await commands.CreateAsync(id, body, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await WrittenAsync(http, outcome, commands, ct);
        return TypedResults.Created($"/api/scenes/{row.Id}", SceneResponse.From(row));
    }

    /// <summary>Read one of your scenes.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> GetScene(Guid id, HttpContext http, CallerAccess caller, SceneCommands commands, DatabaseRetry retry, CancellationToken ct)
    {
        var row = await retry.Reads.ExecuteAsync(async t => await commands.OwnAsync(id, caller, t), ct);
        if (row is null) return NotFound(id);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(SceneResponse.From(row));
    }

    /// <summary>Change a scene; only what is sent changes.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> UpdateScene(
        Guid id, UpdateSceneRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, SceneCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.EditAsync(id, body, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(SceneResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    /// <summary>Delete a scene.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> DeleteScene(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller, SceneCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.DeleteAsync(id, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.NoContent();
    }

    /// <summary>Stop a scene being your default.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> ClearDefault(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller, SceneCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.ClearDefaultAsync(id, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(SceneResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    /// <summary>Make a scene your default for its kind.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> MakeDefault(
        Guid id, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, SceneCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.MakeDefaultAsync(id, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(SceneResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    /// <summary>A scene's operation log.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> GetHistory(
        Guid id, HttpContext http, CallerAccess caller, SceneCommands commands, EventStore.EventStore store, DatabaseRetry retry, CancellationToken ct)
    {
        if (await retry.Reads.ExecuteAsync(async t => await commands.OwnAsync(id, caller, t), ct) is null) return NotFound(id);
        var events = await retry.Reads.ExecuteAsync(async t => await store.ReadStreamAsync(id, ct: t), ct);
        if (events.Count == 0 || events[0].Data is not Events.Scenes.SceneCreated) return NotFound(id);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new SceneHistoryResponse(id, SceneHistory.Of(events)));
    }

    /// <summary>Apply a scene: one page of its records, within your data scope.</summary>
    /// <param name="id">The scene's id.</param>
    private static async Task<IResult> Results(
        Guid id, SceneResultsRequest? body, CallerAccess caller, SceneCommands commands, SceneKinds kinds, IServiceProvider services, DatabaseRetry retry, CancellationToken ct)
    {
        var row = await retry.Reads.ExecuteAsync(async t => await commands.OwnAsync(id, caller, t), ct);
        if (row is null) return NotFound(id);
        if (Forbidden(row.Kind, caller) is { } forbidden) return forbidden;
        var source = kinds.SourceOf(row.Kind) ?? throw new InvalidOperationException($"No results source is registered for scenes of {row.Kind}.");
        var filter = row.Filter is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(row.Filter);
        return await source(new SceneSearch(filter, row.Sort, row.Q, body?.Limit, body?.Cursor, body?.IncludeTotal), caller, services, ct);
    }

    /// <summary>How the customer list shows a scene's results: the code of POST /api/customers/search.</summary>
    public static async Task<IResult> CustomerResults(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct) =>
        (await CustomerEndpoints.ListAsync(search.Filter, search.Limit, search.Cursor, search.Sort, search.Q, search.IncludeTotal == true, caller,
            services.GetRequiredService<CustomerQueries>(), services.GetRequiredService<SettingsReader>(), pool: false, ct)).Result;

    /// <summary>How the contact list shows a scene's results: the code of POST /api/contacts/search (which has no total).</summary>
    public static async Task<IResult> ContactResults(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct) =>
        (await ContactEndpoints.ListAsync(search.Filter, search.Limit, search.Cursor, search.Sort, search.Q, caller,
            services.GetRequiredService<ContactQueries>(), services.GetRequiredService<SettingsReader>(), ct)).Result;

    /// <summary>How the lead list shows a scene's results: the code of POST /api/leads/search.</summary>
    public static async Task<IResult> LeadResults(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct) =>
        (await LeadEndpoints.ListAsync(new LeadSearchRequest(search.Filter, search.Sort, search.Q, search.Limit, search.Cursor, search.IncludeTotal),
            pool: false, caller, services.GetRequiredService<LeadQueries>(), services.GetRequiredService<SettingsReader>(), ct)).Result;

    private static IResult? Forbidden(string kind, CallerAccess caller) =>
        caller.Can(SceneKinds.ListPermission(kind)) ? null : PermissionEndpoints.Forbidden(SceneKinds.ListPermission(kind));

    private static Task<SceneRow> WrittenAsync(HttpContext http, CommandOutcome outcome, SceneCommands commands, CancellationToken ct) =>
        http.WrittenAsync<SceneRow>(outcome, "Scene", async (id, version, t) => await commands.WrittenAsync(id, version, t), r => r.Version, ct);

    private static IResult NotFound(Guid id) => Scene.NotFound(id).ToProblem();

    private static IResult BadKind(string field) => DomainProblems.Invalid(field, "kind_unknown", $"kind is one of {Kinds}.");

    /// <summary>Example payloads for the OpenAPI document.</summary>
    private static class Example
    {
        public const string Scene = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","kind":"customers","name":"A-level customers","filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"sort":"-updatedAt","q":null,"isDefault":true,"order":0,"version":2,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:05:00+00:00"}
            """;

        public const string Create = """
            {"kind":"customers","name":"A-level customers","filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"sort":"-updatedAt","isDefault":true}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"renamed","eventType":"scene.renamed","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[{"field":"name","old":"A customers","new":"A-level customers"}]}]}
            """;

        public const string Results = """
            {"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Wang Fang","company":"Acme Trading","phone":null,"email":null,"source":"campaign","industry":null,"level":"A","address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","inPool":false,"convertedCustomerId":null,"convertedContactId":null,"convertedAt":null,"lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}],"nextCursor":null,"total":1}
            """;
    }
}
