using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections;
using Crm.Projections.Leads;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Leads;

/// <summary>
/// /api/leads (LEAD-1…7): each endpoint parses, calls the lead handler (writes, in LeadEndpoints.Writes.cs and .Actions.cs)
/// or the lead queries after the access policy (reads, here), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class LeadEndpoints
{
    /// <summary>At most this many ids per bulk call: a bulk call is one request, so it must stay short.</summary>
    public const int MaxBulkIds = 500;

    public static RouteGroupBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization();
        group.MapGet("/", ListLeads).WithName("ListLeads").RequirePermission("lead.list").Documented(LeadApiDocs.List);
        group.MapPost("/search", SearchLeads).WithName("SearchLeads").RequirePermission("lead.list").Documented(LeadApiDocs.Search);
        group.MapGet("/pool", ListPool).WithName("ListLeadPool").RequirePermission("lead.claim").Documented(LeadApiDocs.ListPool);
        group.MapGet("/{id}", GetLead).WithName("GetLead").RequirePermission("lead.detail").Documented(LeadApiDocs.Get);
        group.MapGet("/{id}/history", GetLeadHistory).WithName("GetLeadHistory").RequirePermission("lead.detail").Documented(LeadApiDocs.History);
        group.MapGet("/{id}/follow-ups", ListFollowUps).WithName("ListLeadFollowUps").RequirePermission("lead.detail")
            .Documented(LeadApiDocs.ListFollowUps);
        MapWrites(group);
        MapActions(group);
        return group;
    }

    /// <summary>List the leads in the caller's data scope.</summary>
    /// <param name="limit">Page size, 1 to 500; default 20.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; prefix - for descending (default -updatedAt).</param>
    /// <param name="q">Free text inside name, company, phone or e-mail.</param>
    /// <param name="includeTotal">Add the number of matching leads.</param>
    private static Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> ListLeads(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, [AsParameters] LeadServices s) =>
        ListAsync(new LeadSearchRequest(null, sort, q, limit, cursor, includeTotal), pool: false, s.Caller, s.Leads, s.Settings, s.Ct);

    /// <summary>Search leads with a filter tree.</summary>
    private static Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> SearchLeads(LeadSearchRequest body, [AsParameters] LeadServices s) =>
        ListAsync(body, pool: false, s.Caller, s.Leads, s.Settings, s.Ct);

    /// <summary>List the lead pool.</summary>
    /// <param name="limit">Page size, 1 to 500; default 20.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; prefix - for descending.</param>
    /// <param name="q">Free text inside name, company, phone or e-mail.</param>
    /// <param name="includeTotal">Add the number of leads in the pool.</param>
    private static Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> ListPool(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, [AsParameters] LeadServices s) =>
        ListAsync(new LeadSearchRequest(null, sort, q, limit, cursor, includeTotal), pool: true, s.Caller, s.Leads, s.Settings, s.Ct);

    /// <summary>The lead list (or pool), also what a lead scene shows; the page size defaults to and is capped by listPageSize.</summary>
    internal static async Task<Results<Ok<LeadListResponse>, ProblemHttpResult>> ListAsync(
        LeadSearchRequest body, bool pool, Caller caller, LeadQueries queries, SettingsReader settings, CancellationToken ct)
    {
        var (size, badPaging) = await ListPaging.PageSizeAsync(body.Limit, body.Cursor, settings, ct);
        if (badPaging is not null) return badPaging;
        var (sort, badSort) = ListInputs.Sort(body.Sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(body.Q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(body.Filter, LeadFilterFields.All);
        if (badFilter is not null) return badFilter;
        var request = new LeadListRequest(caller.VisibleOwners("lead.list").ForQuery(), size, body.Cursor, sort, filter, search, pool);
        var page = await queries.ListAsync(request, ct);
        long? total = body.IncludeTotal == true ? await queries.CountAsync(request, ct) : null;
        return TypedResults.Ok(new LeadListResponse(page.Items.Select(LeadResponse.From).ToList(), page.NextCursor, total));
    }

    /// <summary>Read a lead, now or as it was (time travel).</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> GetLead(Guid id, long? version, DateTimeOffset? asOf, [AsParameters] LeadServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        // Scope is judged on the lead as it is now: a lead that left the caller's scope takes its past with it.
        var (current, hidden) = await s.Reach.CheckAsync(id, s.Caller, "lead.detail", s.Ct);
        if (hidden is not null) return hidden.ToProblem();
        var row = version is null && asOf is null ? current : await AsOfAsync(id, version, asOf, s.Store, s.Ct);
        if (row is null || (version is not null && row.Version < version)) return NotFound(id);
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(LeadResponse.From(row));
    }

    /// <summary>A lead's operation log.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadHistoryResponse>, ProblemHttpResult>> GetLeadHistory(Guid id, [AsParameters] LeadServices s)
    {
        if ((await s.Reach.CheckAsync(id, s.Caller, "lead.detail", s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        if (events.Count == 0 || events[0].Data is not Events.Leads.LeadCreated) return NotFound(id);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new LeadHistoryResponse(id, LeadHistory.Of(events)));
    }

    /// <summary>A lead's follow-ups, newest first.</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="limit">Page size; default and cap: relatedListPageSize.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<LeadFollowUpListResponse>, ProblemHttpResult>> ListFollowUps(
        Guid id, int? limit, string? cursor, [AsParameters] LeadServices s)
    {
        var (size, badPaging) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (badPaging is not null) return badPaging;
        if ((await s.Reach.CheckAsync(id, s.Caller, "lead.detail", s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var page = await s.FollowUps.OfRecordAsync(id, size, cursor, s.Ct);
        return TypedResults.Ok(new LeadFollowUpListResponse(page.Items.Select(LeadFollowUpResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>The lead as it was at a version or moment (null: no such lead then).</summary>
    private static async Task<LeadRow?> AsOfAsync(Guid id, long? version, DateTimeOffset? asOf, EventStore.EventStore store, CancellationToken ct) =>
        await store.ReadAsOfAsync<LeadRow>(id, version, asOf, LeadRow.Evolve, ct);

    private static ProblemHttpResult NotFound(Guid id) => RecordAccess.NotFound(LeadReach.Kind, id).ToProblem();
}
