using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Write.Pool;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Pool;

/// <summary>
/// /api/pool: the public pool (公海, CUS-6) — list, claim, assign — and its rules (CUS-7). Each endpoint parses,
/// calls the pool handler (writes) or the customer queries (the list), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static class PoolEndpoints
{
    public static RouteGroupBuilder MapPoolApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pool").WithTags("Public pool").RequireAuthorization();
        group.MapGet("/", ListPool).WithName("ListPool").RequirePermission("pool.list").Documented(PoolApiDocs.List);
        group.MapPost("/{customerId}/claim", Claim).WithName("ClaimCustomer").RequirePermission("pool.claim")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(PoolApiDocs.Claim);
        group.MapPost("/{customerId}/assign", Assign).WithName("AssignCustomer").RequirePermission("pool.assign")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(PoolApiDocs.Assign);
        group.MapPost("/assign", BulkAssign).WithName("AssignCustomers").RequirePermission("pool.assign").AsCommand().Documented(PoolApiDocs.BulkAssign);
        group.MapGet("/rules", GetRules).WithName("GetPoolRules").RequirePermission("pool.list").Documented(PoolApiDocs.GetRules);
        group.MapPut("/rules", PutRules).WithName("PutPoolRules").RequirePermission("pool.rules")
            .AsCommand(CommandHeaders.IfMatch).Documented(PoolApiDocs.PutRules);
        return group;
    }

    /// <summary>List the public pool.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name, phone and email.</param>
    /// <param name="includeTotal">Also count the pool (slower).</param>
    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListPool(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, [AsParameters] PoolServices s) =>
        await CustomerEndpoints.ListAsync(null, limit, cursor, sort, q, includeTotal ?? false, s.Caller, s.Customers, s.Settings, true, s.Ct);

    /// <summary>Claim a pool customer.</summary>
    /// <param name="customerId">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Claim(Guid customerId, [AsParameters] PoolServices s) =>
        await CustomerEndpoints.Answer(s.Http, await s.Handler.ClaimAsync(new ClaimFromPool(customerId), s.Caller, s.Http.Command(), s.Ct), s.Customers, s.Ct);

    /// <summary>Assign a pool customer to a user.</summary>
    /// <param name="customerId">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Assign(Guid customerId, AssignRequest body, [AsParameters] PoolServices s) =>
        await CustomerEndpoints.Answer(s.Http, await s.Handler.AssignAsync(new AssignFromPool(customerId, body.UserId), s.Caller, s.Http.Command(), s.Ct),
            s.Customers, s.Ct);

    /// <summary>Assign several pool customers; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkAssign(BulkAssignRequest body, [AsParameters] PoolServices s)
    {
        if (body.Ids is not { Count: > 0 and <= CustomerEndpoints.MaxBulk } ids)
            return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {CustomerEndpoints.MaxBulk} customers.");
        // A receiver who cannot take them refuses the whole request, before any customer is looked at.
        if (await s.Handler.CheckAssigneeAsync(body.UserId, s.Caller, s.Ct) is { } badUser) return badUser.ToProblem();
        var results = new List<BulkItemResult>();
        foreach (var id in ids.Distinct())
            results.Add(CustomerEndpoints.Item(id, await s.Handler.AssignAsync(new AssignFromPool(id, body.UserId), s.Caller, s.Http.Command(), s.Ct)));
        return TypedResults.Ok(CustomerEndpoints.Bulk(results));
    }

    /// <summary>The pool configuration.</summary>
    private static async Task<Ok<PoolRulesResponse>> GetRules([AsParameters] PoolServices s)
    {
        var (state, version) = await s.Rules.CurrentAsync(s.Ct);
        s.Http.Response.SetETag(version);
        return TypedResults.Ok(PoolRulesResponse.From(state));
    }

    /// <summary>Replace the pool configuration.</summary>
    private static async Task<Results<Ok<PoolRulesResponse>, ProblemHttpResult>> PutRules(PoolRulesDto body, [AsParameters] PoolServices s)
    {
        var command = new ChangePoolRules(body.ClaimLimit, body.ClaimCooldownDays, (body.Rules ?? []).Select(r => r.ToRule()).ToList());
        if ((await s.Handler.ChangeRulesAsync(command, s.Caller, s.Http.Command(), s.Ct)).Error is { } error) return error.ToProblem();
        return await GetRules(s);
    }
}
