using System.Text.Json;
using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Opportunities;
using Crm.Host.Platform;
using Crm.Projections.Contracts;
using Crm.Write.Access;
using Crm.Write.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contracts;

/// <summary>
/// /api/contracts (SAL-3, SAL-5). Each endpoint parses, calls the contract handler (writes, in the .Writes, .Actions and .Plans files)
/// or the queries after the access policy (reads, here), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class ContractEndpoints
{
    public const int MaxBulk = 200;

    private static readonly string[] Statuses =
        [ApprovalStatus.Draft, ApprovalStatus.Pending, ApprovalStatus.Approved, ApprovalStatus.Rejected, ApprovalStatus.Voided];

    public static RouteGroupBuilder MapContractsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        group.MapGet("/", List).WithName("ListContracts").RequirePermission("contract.list").Documented(ContractApiDocs.List);
        group.MapPost("/search", Search).WithName("SearchContracts").RequirePermission("contract.list").Documented(ContractApiDocs.Search);
        group.MapGet("/{id}", Get).WithName("GetContract").RequirePermission("contract.detail").Documented(ContractApiDocs.Get);
        group.MapGet("/{id}/history", History).WithName("GetContractHistory").RequirePermission("contract.detail").Documented(ContractApiDocs.History);
        group.MapGet("/{id}/team", Team).WithName("ListContractTeam").RequirePermission("contract.detail").Documented(ContractApiDocs.Team);
        app.MapGet("/api/customers/{id}/contracts", OfCustomer).WithTags("Contracts").RequireAuthorization().WithName("ListCustomerContracts")
            .RequirePermission("contract.list").Documented(ContractApiDocs.OfCustomer);
        MapWrites(group);
        MapActions(group);
        MapPlans(group);
        return group;
    }

    /// <summary>List contracts in the caller's data scope.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside the number and the name.</param>
    /// <param name="includeTotal">Also count all matching contracts (slower).</param>
    /// <param name="customerId">Only this customer's contracts.</param>
    /// <param name="status">draft, pending, approved, rejected or voided.</param>
    /// <param name="ownerId">Only contracts of this owner (still within your scope).</param>
    private static async Task<Results<Ok<ContractListResponse>, ProblemHttpResult>> List(int? limit, string? cursor, string? sort, string? q,
        bool? includeTotal, Guid? customerId, string? status, Guid? ownerId, [AsParameters] ContractServices s)
    {
        var (filter, bad) = Filters(customerId, status, ownerId);
        if (bad is not null) return bad;
        return await ListAsync(filter, limit, cursor, sort, q, includeTotal ?? false, "contract.list", s);
    }

    /// <summary>The list's query parameters as one filter tree; a status that is none → 400 naming it.</summary>
    internal static (JsonElement? Filter, ProblemHttpResult? Bad) Filters(Guid? customerId, string? status, Guid? ownerId) =>
        status is not null && !Statuses.Contains(status)
            ? (null, DomainProblems.Invalid("status", "status_invalid", "status is draft, pending, approved, rejected or voided."))
            : (OpportunityEndpoints.Conditions(("customerId", customerId), ("status", status), ("ownerId", ownerId)), null);

    /// <summary>Search contracts with a filter tree.</summary>
    private static async Task<Results<Ok<ContractListResponse>, ProblemHttpResult>> Search(ContractSearchRequest body, [AsParameters] ContractServices s) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, body.IncludeTotal, "contract.list", s);

    /// <summary>The list request the parameters describe, or the problem naming the one at fault.</summary>
    internal static async Task<(ContractListRequest? Request, ProblemHttpResult? Bad)> RequestAsync(JsonElement? filterJson, int? limit, string? cursor,
        string? sort, string? q, string permission, ContractServices s, string pageSetting = Write.Settings.SystemSettings.ListPageSize)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, pageSetting);
        if (bad is not null) return (null, bad);
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return (null, badSort);
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return (null, badQ);
        var (filter, badFilter) = ListInputs.Filter(filterJson, await s.Contracts.FilterFieldsAsync(s.Ct));
        if (badFilter is not null) return (null, badFilter);
        return (new ContractListRequest(s.Caller.VisibleOwners(permission).ForQuery(), s.Caller.ActorId, size, cursor, order, filter, search), null);
    }

    private static async Task<Results<Ok<ContractListResponse>, ProblemHttpResult>> ListAsync(JsonElement? filterJson, int? limit, string? cursor,
        string? sort, string? q, bool includeTotal, string permission, ContractServices s, string pageSetting = Write.Settings.SystemSettings.ListPageSize)
    {
        var (request, bad) = await RequestAsync(filterJson, limit, cursor, sort, q, permission, s, pageSetting);
        if (bad is not null) return bad;
        var page = await s.Contracts.ListAsync(request!, s.Ct);
        long? total = includeTotal ? await s.Contracts.CountAsync(request!, s.Ct) : null;
        return TypedResults.Ok(new ContractListResponse(page.Items.Select(r => ContractResponse.From(r)).ToList(), page.NextCursor, total));
    }

    /// <summary>Read a contract with its lines, team and payment plan, now or as it was (time travel).</summary>
    /// <param name="id">The contract's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Get(Guid id, long? version, DateTimeOffset? asOf,
        [AsParameters] ContractServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await ContractReach.CheckAsync(s.Contracts, id, s.Caller, "contract.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is null && asOf is null)
        {
            s.Http.Response.SetETag(row!.Version);
            return TypedResults.Ok(ContractResponse.From(row, await s.Contracts.LinesAsync(id, s.Ct), await s.Contracts.TeamAsync(id, s.Ct),
                await s.Contracts.PlansAsync(id, s.Ct)));
        }
        var then = await s.Contracts.GetAsOfAsync(id, version, asOf, s.Ct);
        if (then is null) return RecordAccess.NotFound(ContractReach.Kind, id).ToProblem();
        s.Http.Response.SetETag(then.Version);
        return TypedResults.Ok(ContractResponse.From(then));
    }

    /// <summary>A contract's operation log.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ContractHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] ContractServices s)
    {
        var (_, refusal) = await ContractReach.CheckAsync(s.Contracts, id, s.Caller, "contract.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new ContractHistoryResponse(id, ContractHistory.Of(events)));
    }

    /// <summary>A contract's team.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<IReadOnlyList<ContractTeamMember>>, ProblemHttpResult>> Team(Guid id, [AsParameters] ContractServices s)
    {
        var (_, refusal) = await ContractReach.CheckAsync(s.Contracts, id, s.Caller, "contract.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(await s.Contracts.TeamAsync(id, s.Ct));
    }

    /// <summary>A customer's contracts (the customer must be visible to you), newest change first.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<ContractListResponse>, ProblemHttpResult>> OfCustomer(Guid id, int? limit, string? cursor,
        [AsParameters] ContractServices s)
    {
        var (_, hidden) = await s.Customers.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (hidden is not null) return hidden.ToProblem();
        return await ListAsync(OpportunityEndpoints.Conditions(("customerId", id)), limit, cursor, null, null, false, "contract.list", s,
            Write.Settings.SystemSettings.RelatedListPageSize);
    }
}
