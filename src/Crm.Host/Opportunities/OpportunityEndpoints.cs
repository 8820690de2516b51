using System.Text.Json;
using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Opportunities;
using Crm.Write.Access;
using Crm.Write.Opportunities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Opportunities;

/// <summary>
/// /api/opportunities (SAL-2). Each endpoint parses, calls the opportunity handler (writes, in the .Writes and .Actions files) or
/// the queries after the access policy (reads, here), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class OpportunityEndpoints
{
    public const int MaxBulk = 200;

    public static RouteGroupBuilder MapOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/opportunities").WithTags("Opportunities").RequireAuthorization();
        group.MapGet("/", List).WithName("ListOpportunities").RequirePermission("opportunity.list").Documented(OpportunityApiDocs.List);
        group.MapPost("/search", Search).WithName("SearchOpportunities").RequirePermission("opportunity.list").Documented(OpportunityApiDocs.Search);
        group.MapGet("/{id}", Get).WithName("GetOpportunity").RequirePermission("opportunity.detail").Documented(OpportunityApiDocs.Get);
        group.MapGet("/{id}/history", History).WithName("GetOpportunityHistory").RequirePermission("opportunity.detail").Documented(OpportunityApiDocs.History);
        group.MapGet("/{id}/follow-ups", FollowUps).WithName("ListOpportunityFollowUps").RequirePermission("opportunity.detail")
            .Documented(OpportunityApiDocs.ListFollowUps);
        group.MapGet("/{id}/team", Team).WithName("ListOpportunityTeam").RequirePermission("opportunity.detail").Documented(OpportunityApiDocs.Team);
        app.MapGet("/api/customers/{id}/opportunities", OfCustomer).WithTags("Opportunities").RequireAuthorization().WithName("ListCustomerOpportunities")
            .RequirePermission("opportunity.list").Documented(OpportunityApiDocs.OfCustomer);
        MapWrites(group);
        MapActions(group);
        return group;
    }

    /// <summary>List opportunities in the caller's data scope.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside the name.</param>
    /// <param name="includeTotal">Also count all matching opportunities (slower).</param>
    /// <param name="customerId">Only this customer's opportunities.</param>
    /// <param name="stageId">Only opportunities at this stage.</param>
    /// <param name="outcome">open, won or lost.</param>
    /// <param name="ownerId">Only opportunities of this owner (still within your scope).</param>
    private static async Task<Results<Ok<OpportunityListResponse>, ProblemHttpResult>> List(int? limit, string? cursor, string? sort, string? q,
        bool? includeTotal, Guid? customerId, Guid? stageId, string? outcome, Guid? ownerId, [AsParameters] OpportunityServices s)
    {
        if (outcome is not null && !StageOutcome.IsValid(outcome))
            return DomainProblems.Invalid("outcome", "outcome_invalid", "outcome is open, won or lost.");
        var filter = Conditions(("customerId", customerId), ("stageId", stageId), ("outcome", outcome), ("ownerId", ownerId));
        return await ListAsync(filter, limit, cursor, sort, q, includeTotal ?? false, s);
    }

    /// <summary>Search opportunities with a filter tree.</summary>
    private static async Task<Results<Ok<OpportunityListResponse>, ProblemHttpResult>> Search(OpportunitySearchRequest body,
        [AsParameters] OpportunityServices s) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, body.IncludeTotal, s);

    internal static async Task<Results<Ok<OpportunityListResponse>, ProblemHttpResult>> ListAsync(JsonElement? filterJson, int? limit, string? cursor,
        string? sort, string? q, bool includeTotal, OpportunityServices s, string pageSetting = Write.Settings.SystemSettings.ListPageSize)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, pageSetting);
        if (bad is not null) return bad;
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(filterJson, await s.Opportunities.FilterFieldsAsync(s.Ct));
        if (badFilter is not null) return badFilter;
        var request = new OpportunityListRequest(s.Caller.VisibleOwners("opportunity.list").ForQuery(), s.Caller.ActorId, size, cursor, order, filter, search);
        var page = await s.Opportunities.ListAsync(request, s.Ct);
        long? total = includeTotal ? await s.Opportunities.CountAsync(request, s.Ct) : null;
        return TypedResults.Ok(new OpportunityListResponse(page.Items.Select(r => OpportunityResponse.From(r)).ToList(), page.NextCursor, total));
    }

    // The list's query parameters as one filter tree ("and" of equalities), parsed and checked like a search's.
    internal static JsonElement? Conditions(params (string Field, object? Value)[] conditions)
    {
        var given = conditions.Where(c => c.Value is not null).Select(c => new { field = c.Field, op = "eq", value = c.Value }).ToList();
        return given.Count == 0 ? null : JsonSerializer.SerializeToElement(new { and = given }, JsonSerializerOptions.Web);
    }

    /// <summary>Read an opportunity with its lines and team, now or as it was (time travel).</summary>
    /// <param name="id">The opportunity's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Get(Guid id, long? version, DateTimeOffset? asOf,
        [AsParameters] OpportunityServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, "opportunity.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is null && asOf is null)
        {
            s.Http.Response.SetETag(row!.Version);
            return TypedResults.Ok(OpportunityResponse.From(row, await s.Opportunities.LinesAsync(id, s.Ct), await s.Opportunities.TeamAsync(id, s.Ct)));
        }
        var then = await s.Opportunities.GetAsOfAsync(id, version, asOf, s.Ct);
        if (then is null) return RecordAccess.NotFound(OpportunityReach.Kind, id).ToProblem();
        s.Http.Response.SetETag(then.Version);
        return TypedResults.Ok(OpportunityResponse.From(then));
    }

    /// <summary>An opportunity's operation log.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] OpportunityServices s)
    {
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "opportunity.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new OpportunityHistoryResponse(id, OpportunityHistory.Of(events)));
    }
}
