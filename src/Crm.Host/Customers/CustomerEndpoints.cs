using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Classification;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Classification;
using Microsoft.AspNetCore.Http.HttpResults;
using OwnerScope = Crm.Projections.OwnerScope;

namespace Crm.Host.Customers;

/// <summary>
/// /api/customers (CUS-1…6). Each endpoint parses, calls the customer handler (writes, in CustomerEndpoints.Writes.cs) or the
/// customer queries after the access policy (reads, here), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class CustomerEndpoints
{
    public const int MaxBulk = 200;

    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();
        group.MapGet("/", ListCustomers).WithName("ListCustomers").RequirePermission("customer.list").Documented(CustomerApiDocs.List);
        group.MapPost("/search", SearchCustomers).WithName("SearchCustomers").RequirePermission("customer.list").Documented(CustomerApiDocs.Search);
        group.MapGet("/{id}", GetCustomer).WithName("GetCustomer").RequirePermission("customer.detail").Documented(CustomerApiDocs.Get);
        group.MapGet("/{id}/history", GetHistory).WithName("GetCustomerHistory").RequirePermission("customer.detail").Documented(CustomerApiDocs.History);
        group.MapGet("/{id}/follow-ups", ListFollowUps).WithName("ListCustomerFollowUps").RequirePermission("customer.detail")
            .Documented(CustomerApiDocs.ListFollowUps);
        group.MapGet("/{id}/contacts", ListContacts).WithName("ListCustomerContacts").RequirePermission("customer.detail")
            .Documented(CustomerApiDocs.ListContacts);
        MapWrites(group);
        return group;
    }

    /// <summary>List customers in the caller's data scope.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name, phone and email.</param>
    /// <param name="includeTotal">Also count all matching customers (slower).</param>
    /// <param name="ownerId">Only customers of this owner (still within your scope).</param>
    /// <param name="includeArchived">Also list archived customers (SET-4 clean-up); merged ones never.</param>
    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListCustomers(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, Guid? ownerId, bool? includeArchived, [AsParameters] CustomerServices s) =>
        await ListAsync(OwnerFilter(ownerId), limit, cursor, sort, q, includeTotal ?? false, s.Caller, s.Customers, s.Settings, false, s.Ct,
            includeArchived ?? false);

    private static JsonElement? OwnerFilter(Guid? ownerId) =>
        ownerId is { } owner ? JsonSerializer.SerializeToElement(new { field = "ownerId", op = "eq", value = owner }, JsonSerializerOptions.Web) : null;

    /// <summary>Search customers with a filter tree.</summary>
    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> SearchCustomers(
        CustomerSearchRequest body, [AsParameters] CustomerServices s) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, body.IncludeTotal, s.Caller, s.Customers, s.Settings, false, s.Ct,
            body.IncludeArchived);

    /// <summary>A page of customers (the pool's and scenes' lists too): paging, sort, q and filter parsed, then the query in the caller's scope.</summary>
    internal static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListAsync(
        JsonElement? filterJson, int? limit, string? cursor, string? sort, string? q, bool includeTotal,
        CallerAccess caller, CustomerQueries customers, SettingsReader settings, bool pool, CancellationToken ct, bool includeArchived = false)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, settings, ct);
        if (bad is not null) return bad;
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(filterJson, await customers.FilterFieldsAsync(ClassFacts.VisibleTo(caller), ct));
        if (badFilter is not null) return badFilter;
        var request = new CustomerListRequest(caller.VisibleOwners("customer.list").ForQuery(), caller.ActorId, size, cursor, order!, filter,
            search, pool, includeArchived);
        if (pool) request = request with { Scope = OwnerScope.Everyone };
        var page = await customers.ListAsync(request, ct);
        long? total = includeTotal ? await customers.CountAsync(request, ct) : null;
        var ids = page.Items.Select(r => r.Id).ToList();
        var deals = await customers.LastDealsAsync(ids, ct);
        var classes = await customers.ClassificationsAsync(ids, ct);
        return TypedResults.Ok(new CustomerListResponse(page.Items.Select(r => CustomerResponse.From(r, null, deals.TryGetValue(r.Id, out var at) ? at : null)
            with { Classes = CustomerClassesResponse.For(caller, classes[r.Id]) }).ToList(), page.NextCursor, total));
    }

    /// <summary>Read a customer, now or as it was (time travel).</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetCustomer(
        Guid id, long? version, DateTimeOffset? asOf, [AsParameters] CustomerServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, team, lastDeal, refusal) = await s.Reach.CheckWithTeamAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is null && asOf is null)
        {
            s.Http.Response.SetETag(row!.Version);
            var classes = await s.Customers.ClassificationsAsync([id], s.Ct);
            return TypedResults.Ok(CustomerResponse.From(row, team, lastDeal) with { Classes = CustomerClassesResponse.For(s.Caller, classes[id]) });
        }
        var then = await s.Customers.GetAsOfAsync(id, version, asOf, s.Ct);
        if (then is null || (version is not null && then.Version < version)) return RecordAccess.NotFound(CustomerReach.Kind, id).ToProblem();
        s.Http.Response.SetETag(then.Version);
        return TypedResults.Ok(CustomerResponse.From(then));
    }

    /// <summary>A customer's operation log.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerHistoryResponse>, ProblemHttpResult>> GetHistory(Guid id, [AsParameters] CustomerServices s)
    {
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new CustomerHistoryResponse(id, CustomerHistory.Of(events)));
    }

    /// <summary>A customer's follow-ups, newest first.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<FollowUpListResponse>, ProblemHttpResult>> ListFollowUps(
        Guid id, int? limit, string? cursor, [AsParameters] CustomerServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var page = await s.FollowUps.OfCustomerAsync(id, s.Caller.VisibleOwners("opportunity.detail").ForQuery(), s.Caller.ActorId, size, cursor, s.Ct);
        return TypedResults.Ok(new FollowUpListResponse(page.Items.Select(FollowUpResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A customer's contacts, by name.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<Contacts.ContactListResponse>, ProblemHttpResult>> ListContacts(
        Guid id, int? limit, string? cursor, [AsParameters] CustomerServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var page = await s.Contacts.OfCustomerAsync(id, size, cursor, s.Ct);
        return TypedResults.Ok(new Contacts.ContactListResponse(page.Items.Select(Contacts.ContactResponse.From).ToList(), page.NextCursor));
    }
}
