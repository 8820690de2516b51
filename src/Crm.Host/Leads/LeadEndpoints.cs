using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Leads;

/// <summary>/api/leads (LEAD-1…7): reads here; writes in LeadEndpoints.Writes.cs, conversions and bulk actions in LeadEndpoints.Actions.cs.</summary>
public static partial class LeadEndpoints
{
    public static RouteGroupBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization();

        group.MapGet("/", ListLeads).WithName("ListLeads").RequirePermission("lead.list")
            .WithSummary("List the leads in your data scope, a page at a time")
            .WithDescription("Keyset paging (pass nextCursor back as ?cursor=), sort updatedAt|createdAt|name (prefix - for descending), q matches name, company, phone and e-mail. includeTotal=true adds the count (slower). For a filter tree use POST /api/leads/search.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{Example.Lead}}],"nextCursor":null,"total":null}""");
        group.MapPost("/search", SearchLeads).WithName("SearchLeads").RequirePermission("lead.list")
            .WithSummary("Search leads with a filter tree (a scene)")
            .WithDescription("The same list as GET /api/leads, filtered by a JSON filter tree of and/or/not nodes and {field, op, value} conditions. Every fault in the tree is named under errors (filter.<field>).")
            .ProducesValidationProblem()
            .WithExamples(Example.Search, $$"""{"items":[{{Example.Lead}}],"nextCursor":null,"total":1}""");
        group.MapGet("/pool", ListPool).WithName("ListLeadPool").RequirePermission("lead.claim")
            .WithSummary("List the lead pool: leads nobody owns")
            .WithDescription("Whoever may claim from the pool sees all of it. Same paging, sort and q as GET /api/leads.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{Example.PoolLead}}],"nextCursor":null,"total":null}""");
        group.MapGet("/{id}", GetLead).WithName("GetLead").RequirePermission("lead.detail")
            .WithSummary("Read a lead, now or as it was")
            .WithDescription("ETag is the lead's version. ?version=n or ?asOf=<ISO 8601> show it as it was then. A lead outside your data scope is a 404.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.Lead);
        group.MapGet("/{id}/history", GetLeadHistory).WithName("GetLeadHistory").RequirePermission("lead.detail")
            .WithSummary("A lead's operation log")
            .WithDescription("One entry per event, oldest first: version, time, action, actor, request id and each changed field's old and new value.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.History);
        group.MapGet("/{id}/follow-ups", ListFollowUps).WithName("ListLeadFollowUps").RequirePermission("lead.detail")
            .WithSummary("A lead's follow-up records, newest first")
            .WithDescription("Keyset paging: pass nextCursor back as ?cursor=; limit defaults to and is capped by the relatedListPageSize setting.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: $$"""{"items":[{{Example.FollowUp}}],"nextCursor":null}""");
        MapWrites(group);
        MapActions(group);
        return group;
    }

    /// <summary>List the leads in the caller's data scope.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; prefix - for descending (default -updatedAt).</param>
    /// <param name="q">Free text inside name, company, phone or e-mail.</param>
    /// <param name="includeTotal">Add the number of matching leads.</param>
    private static Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> ListLeads(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, CallerAccess caller, LeadQueries queries, SettingsReader settings,
        DatabaseRetry retry, CancellationToken ct) =>
        ListAsync(new LeadSearchRequest(null, sort, q, limit, cursor, includeTotal), pool: false, caller, queries, settings, retry, ct);

    /// <summary>Search leads with a filter tree.</summary>
    private static Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> SearchLeads(
        LeadSearchRequest body, CallerAccess caller, LeadQueries queries, SettingsReader settings, DatabaseRetry retry, CancellationToken ct) =>
        ListAsync(body, pool: false, caller, queries, settings, retry, ct);

    /// <summary>List the lead pool.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; prefix - for descending.</param>
    /// <param name="q">Free text inside name, company, phone or e-mail.</param>
    /// <param name="includeTotal">Add the number of leads in the pool.</param>
    private static Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> ListPool(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, CallerAccess caller, LeadQueries queries, SettingsReader settings,
        DatabaseRetry retry, CancellationToken ct) =>
        ListAsync(new LeadSearchRequest(null, sort, q, limit, cursor, includeTotal), pool: true, caller, queries, settings, retry, ct);

    internal static async Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> ListAsync(
        LeadSearchRequest body, bool pool, CallerAccess caller, LeadQueries queries, SettingsReader settings, DatabaseRetry retry, CancellationToken ct)
    {
        // Like every record list (SET-2): the listPageSize setting is the default and the cap.
        var (size, badPaging) = await CustomerAccess.PageSizeAsync(body.Limit, body.Cursor, settings, ct);
        if (badPaging is not null) return badPaging;
        var (sort, badSort) = ListInputs.Sort(body.Sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(body.Q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(body.Filter, LeadFilterFields.All);
        if (badFilter is not null) return badFilter;
        var request = new LeadListRequest(caller.VisibleOwners("lead.list").ForQuery(), size,
            body.Cursor, sort, filter, search, pool);
        var page = await retry.Reads.ExecuteAsync(async t => await queries.ListAsync(request, t), ct);
        long? total = body.IncludeTotal == true ? await retry.Reads.ExecuteAsync(async t => await queries.CountAsync(request, t), ct) : null;
        return TypedResults.Ok(new LeadListResponse(page.Items.Select(LeadResponse.From).ToList(), page.NextCursor, total));
    }

    /// <summary>Read a lead, now or as it was (time travel).</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> GetLead(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, CallerAccess caller, LeadQueries queries, LeadCommands commands, DatabaseRetry retry, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        // Scope is judged on the lead as it is now: a lead that left the caller's scope takes its past with it.
        var current = await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct);
        if (current is null || !caller.MayReachLead(current.OwnerId, "lead.detail")) return NotFound(id);
        var row = version is null && asOf is null ? current
            : await retry.Reads.ExecuteAsync(async t => await commands.GetAsOfAsync(id, version, asOf, t), ct);
        if (row is null || (version is not null && row.Version < version)) return NotFound(id);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(LeadResponse.From(row));
    }

    /// <summary>A lead's operation log.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadHistoryResponse>, ProblemHttpResult>> GetLeadHistory(
        Guid id, HttpContext http, CallerAccess caller, LeadQueries queries, EventStore.EventStore store, DatabaseRetry retry, CancellationToken ct)
    {
        var current = await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct);
        if (current is null || !caller.MayReachLead(current.OwnerId, "lead.detail")) return NotFound(id);
        var events = await retry.Reads.ExecuteAsync(async t => await store.ReadStreamAsync(id, ct: t), ct);
        if (events.Count == 0 || events[0].Data is not Events.Leads.LeadCreated) return NotFound(id);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new LeadHistoryResponse(id, LeadHistory.Of(events)));
    }

    /// <summary>A lead's follow-ups, newest first.</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<LeadFollowUpListResponse>, ProblemHttpResult>> ListFollowUps(
        Guid id, int? limit, string? cursor, CallerAccess caller, LeadQueries queries, FollowUpQueries followUps, SettingsReader settings,
        DatabaseRetry retry, CancellationToken ct)
    {
        var (size, badPaging) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (badPaging is not null) return badPaging;
        var current = await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct);
        if (current is null || !caller.MayReachLead(current.OwnerId, "lead.detail")) return NotFound(id);
        var page = await retry.Reads.ExecuteAsync(async t => await followUps.OfRecordAsync(id, size, cursor, t), ct);
        return TypedResults.Ok(new LeadFollowUpListResponse(page.Items.Select(LeadFollowUpResponse.From).ToList(), page.NextCursor));
    }

    private static ProblemHttpResult NotFound(Guid id) => LeadCommands.NotFound(id).ToProblem();

    /// <summary>Example payloads for the OpenAPI document.</summary>
    private static class Example
    {
        public const string Lead = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Wang Fang","company":"Acme Trading","phone":"+86 138 0000 1234","email":"wang.fang@acme.example","source":"campaign","industry":"retail","level":"A","address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","inPool":false,"convertedCustomerId":null,"convertedContactId":null,"convertedAt":null,"lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
            """;

        public const string PoolLead = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Wang Fang","company":"Acme Trading","phone":null,"email":null,"source":"campaign","industry":null,"level":null,"address":null,"remark":null,"ownerId":null,"inPool":true,"convertedCustomerId":null,"convertedContactId":null,"convertedAt":null,"lastFollowUpAt":null,"nextContactAt":null,"version":3,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-04T09:00:00+00:00"}
            """;

        public const string Create = """
            {"name":"Wang Fang","company":"Acme Trading","phone":"+86 138 0000 1234","email":"wang.fang@acme.example","source":"campaign","industry":"retail","level":"A"}
            """;

        public const string Search = """
            {"filter":{"and":[{"field":"source","op":"eq","value":"campaign"},{"field":"converted","op":"eq","value":false}]},"sort":"-createdAt","q":"acme","limit":20,"includeTotal":true}
            """;

        public const string FollowUp = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d55","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","kind":"phone","content":"Called; wants a quote next week.","nextContactAt":"2026-03-08T02:00:00+00:00","createdAt":"2026-03-01T10:00:00+00:00","createdBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"edited","eventType":"lead.edited","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[{"field":"level","old":"B","new":"A"}]}]}
            """;

        public const string Convert = """
            {"customer":{"level":"A","tags":["vip"]},"contact":{"name":"Wang Fang","title":"Buyer","phone":"+86 138 0000 1234"},"createAnyway":false}
            """;

        public const string Converted = $$"""
            {"lead":{{Lead}},"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01","contactId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e02"}
            """;

        public const string Bulk = """
            {"succeeded":1,"failed":1,"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","succeeded":true,"status":200,
               "code":null,"message":null,"field":null,"version":3,"customerId":null},
              {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","succeeded":false,"status":404,"code":"lead_not_found",
               "message":"Lead 0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22 does not exist (at that version or moment).",
               "field":null,"version":null,"customerId":null}]}
            """;
    }
}
