using TeamNeed = Crm.Write.Access.TeamNeed;
using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Customers;

/// <summary>/api/customers (CUS-1…5): reads here; writes in CustomerEndpoints.Writes.cs.</summary>
public static partial class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();

        group.MapGet("/", ListCustomers).WithName("ListCustomers").RequirePermission("customer.list")
            .WithSummary("List customers in your data scope, a page at a time")
            .WithDescription("Keyset paging: pass nextCursor back as ?cursor=. limit defaults to the listPageSize setting and is capped by it. sort: updatedAt, createdAt or name, '-' for descending (default -updatedAt). q matches inside name, phone and email; ownerId keeps one owner's customers. includeTotal=true adds total. Customers whose team you are on are listed whatever your scope.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{Example.Customer}}],"nextCursor":null,"total":1}""");
        group.MapPost("/search", SearchCustomers).WithName("SearchCustomers").RequirePermission("customer.list")
            .WithSummary("Search customers with a JSON filter tree")
            .WithDescription("The filter is {\"and\"|\"or\":[…]} / {\"not\":…} over conditions {\"field\",\"op\",\"value\"}; fields: name, level, industry, source, region, phone, email, tags, ownerId, locked, followUpStatus, createdAt, updatedAt … An unknown field, an operator that does not fit it or a value of the wrong type is a 400 naming it. Same paging, sort, q and includeTotal as the list.")
            .ProducesValidationProblem()
            .WithExamples("""{"filter":{"and":[{"field":"level","op":"eq","value":"A"},{"field":"tags","op":"contains","value":"vip"}]},"sort":"name","limit":20}""",
                $$"""{"items":[{{Example.Customer}}],"nextCursor":null}""");
        group.MapGet("/{id}", GetCustomer).WithName("GetCustomer").RequirePermission("customer.detail")
            .WithSummary("Read a customer, now or as it was")
            .WithDescription("ETag is the customer's version. ?version=n or ?asOf=<ISO 8601> show it as it was then (without the team). 404 when it does not exist or is outside your data scope.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.Customer);
        group.MapGet("/{id}/history", GetHistory).WithName("GetCustomerHistory").RequirePermission("customer.detail")
            .WithSummary("A customer's operation log")
            .WithDescription("One entry per event, oldest first: version, time, action, actor, request id and each changed field old → new (fields, owner, team, lock, pool).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.History);
        group.MapGet("/{id}/follow-ups", ListFollowUps).WithName("ListCustomerFollowUps").RequirePermission("customer.detail")
            .WithSummary("A customer's follow-ups, newest first (its contacts' too)")
            .WithDescription("Keyset paging as in lists; limit defaults to and is capped by the relatedListPageSize setting.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: $$"""{"items":[{{Example.FollowUp}}],"nextCursor":null}""");
        group.MapGet("/{id}/contacts", ListContacts).WithName("ListCustomerContacts").RequirePermission("customer.detail")
            .WithSummary("A customer's contacts, by name")
            .WithDescription("The detail page's related list: keyset paging; limit defaults to and is capped by the relatedListPageSize setting.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: """{"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Wei","title":"Buyer","phone":null,"email":null,"address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}],"nextCursor":null}""");
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
    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListCustomers(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, Guid? ownerId, CallerAccess caller,
        CustomerQueries customers, SettingsReader settings, CancellationToken ct) =>
        await ListAsync(ownerId is { } owner ? JsonSerializer.SerializeToElement(new { field = "ownerId", op = "eq", value = owner }, JsonSerializerOptions.Web) : null,
            limit, cursor, sort, q, includeTotal ?? false, caller, customers, settings, false, ct);

    /// <summary>Search customers with a filter tree.</summary>
    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> SearchCustomers(
        CustomerSearchRequest body, CallerAccess caller, CustomerQueries customers, SettingsReader settings, CancellationToken ct) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, body.IncludeTotal, caller, customers, settings, false, ct);

    internal static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListAsync(
        JsonElement? filterJson, int? limit, string? cursor, string? sort, string? q, bool includeTotal,
        CallerAccess caller, CustomerQueries customers, SettingsReader settings, bool pool, CancellationToken ct)
    {
        var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct);
        if (bad is not null) return bad;
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(filterJson, CustomerFilterFields.All);
        if (badFilter is not null) return badFilter;
        var request = new CustomerListRequest(caller.VisibleOwners("customer.list").ForQuery(), caller.ActorId, size, cursor, order!, filter,
            search, pool);
        if (pool) request = request with { Scope = OwnerScope.Everyone };
        var page = await customers.ListAsync(request, ct);
        long? total = includeTotal ? await customers.CountAsync(request, ct) : null;
        return TypedResults.Ok(new CustomerListResponse(page.Items.Select(r => CustomerResponse.From(r)).ToList(), page.NextCursor, total));
    }

    /// <summary>Read a customer, now or as it was (time travel).</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetCustomer(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, CallerAccess caller, CustomerQueries customers, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, problem) = await CustomerAccess.CheckAsync(id, caller, "customer.detail", TeamNeed.Read, customers, ct);
        if (problem is not null) return problem;
        if (version is null && asOf is null)
        {
            http.Response.SetETag(row!.Version);
            return TypedResults.Ok(CustomerResponse.From(row, await customers.TeamAsync(id, ct)));
        }
        var then = await customers.GetAsOfAsync(id, version, asOf, ct);
        if (then is null || (version is not null && then.Version < version)) return CustomerAccess.NotFound(id);
        http.Response.SetETag(then.Version);
        return TypedResults.Ok(CustomerResponse.From(then));
    }

    /// <summary>A customer's operation log.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerHistoryResponse>, ProblemHttpResult>> GetHistory(
        Guid id, HttpContext http, CallerAccess caller, CustomerQueries customers, EventStore.EventStore store, CancellationToken ct)
    {
        var (_, problem) = await CustomerAccess.CheckAsync(id, caller, "customer.detail", TeamNeed.Read, customers, ct);
        if (problem is not null) return problem;
        var events = await store.ReadStreamAsync(id, ct: ct);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new CustomerHistoryResponse(id, CustomerHistory.Of(events)));
    }

    /// <summary>A customer's follow-ups, newest first.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<FollowUpListResponse>, ProblemHttpResult>> ListFollowUps(
        Guid id, int? limit, string? cursor, CallerAccess caller, CustomerQueries customers, FollowUpQueries followUps, SettingsReader settings, CancellationToken ct)
    {
        var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        var (_, problem) = await CustomerAccess.CheckAsync(id, caller, "customer.detail", TeamNeed.Read, customers, ct);
        if (problem is not null) return problem;
        var page = await followUps.OfCustomerAsync(id, size, cursor, ct);
        return TypedResults.Ok(new FollowUpListResponse(page.Items.Select(FollowUpResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A customer's contacts, by name.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<Contacts.ContactListResponse>, ProblemHttpResult>> ListContacts(
        Guid id, int? limit, string? cursor, CallerAccess caller, CustomerQueries customers, Projections.Contacts.ContactQueries contacts,
        SettingsReader settings, CancellationToken ct)
    {
        var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        var (_, problem) = await CustomerAccess.CheckAsync(id, caller, "customer.detail", TeamNeed.Read, customers, ct);
        if (problem is not null) return problem;
        var page = await contacts.OfCustomerAsync(id, size, cursor, ct);
        return TypedResults.Ok(new Contacts.ContactListResponse(page.Items.Select(Contacts.ContactResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Example payloads for the OpenAPI document.</summary>
    internal static class Example
    {
        public const string Customer = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Acme Trading","level":"A","industry":"Retail","source":"Fair","region":"Shanghai","address":null,"phone":"+86 21 5555 0100","email":"info@acme.example","website":"https://acme.example","remark":null,"tags":["vip"],"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","previousOwnerId":null,"inPool":false,"locked":false,"leadId":null,"followUpStatus":"new","lastFollowUpAt":null,"nextContactAt":null,"ownedSince":"2026-03-01T09:00:00+00:00","poolEnteredAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00","team":[]}
            """;

        public const string Create = """
            {"name":"Acme Trading","level":"A","industry":"Retail","phone":"+86 21 5555 0100","email":"info@acme.example","website":"acme.example","tags":["vip"],"createAnyway":false}
            """;

        public const string FollowUp = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d30","recordType":"customer","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","kind":"communication","content":"Called about the spring order","nextContactAt":"2026-03-08T09:00:00+00:00","createdAt":"2026-03-01T10:00:00+00:00","createdBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"transferred","eventType":"customer.transferred","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[
                {"field":"ownerId","old":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","new":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}]}]}
            """;

        public const string Bulk = """
            {"succeeded":1,"failed":1,"items":[
              {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","succeeded":true,"status":200,"version":3,"code":null,"message":null,"field":null,"customerId":null},
              {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","succeeded":false,"status":404,"version":null,"code":"customer_not_found",
               "message":"Customer … does not exist or is outside your data scope.","field":null,"customerId":null}]}
            """;
    }
}
