using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.Pool;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Crm.Host.Pool;

/// <summary>/api/pool: the public pool (公海, CUS-6) — list, claim, assign — and its rules (CUS-7).</summary>
public static class PoolEndpoints
{
    private const string RulesExample = """
        {"claimLimit":200,"claimCooldownDays":7,"rules":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d50","name":"30 days without follow-up","daysWithoutFollowUp":30,"daysWithoutDeal":null,"exemptLevels":["A"],"exemptCustomersWithDeals":true,"warningDaysBefore":3}]}
        """;

    public static RouteGroupBuilder MapPoolApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pool").WithTags("Public pool").RequireAuthorization();
        group.MapGet("/", ListPool).WithName("ListPool").RequirePermission("pool.list")
            .WithSummary("List the customers in the public pool")
            .WithDescription("Customers without owner, visible to everyone who may see the pool. Same paging, sort (default -updatedAt), q and includeTotal as GET /api/customers.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{CustomerEndpoints.Example.Customer}}],"nextCursor":null}""");
        group.MapPost("/{customerId}/claim", Claim).WithName("ClaimCustomer").RequirePermission("pool.claim")
            .WithSummary("Claim a customer from the public pool (领取)")
            .WithDescription("You become the owner. Refused with 409 customer_not_in_pool (someone was faster), claim_limit_reached (you own claimLimit customers already) or claim_cooldown (you lost it less than claimCooldownDays ago). With Idempotency-Key, a retry answers the first response.")
            .WithExamples(response: CustomerEndpoints.Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{customerId}/assign", Assign).WithName("AssignCustomer").RequirePermission("pool.assign")
            .WithSummary("Assign a pool customer to a user (分配)")
            .WithDescription("userId must be an enabled user inside your pool.assign data scope (422 naming userId). Only pool customers are assigned (409 customer_not_in_pool); owned ones are transferred.")
            .WithExamples("""{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", CustomerEndpoints.Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/assign", BulkAssign).WithName("AssignCustomers").RequirePermission("pool.assign")
            .WithSummary("Assign several pool customers to one user")
            .WithDescription($"ids: 1 to {CustomerEndpoints.MaxBulk}. The answer says per id whether it succeeded, and if not the code and message.")
            .WithExamples("""{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21"],"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", CustomerEndpoints.Example.Bulk)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/rules", GetRules).WithName("GetPoolRules").RequirePermission("pool.list")
            .WithSummary("The pool's claim limit, claim-back cooldown and recycling rules")
            .WithDescription("ETag is the configuration's version (0 before the first change: the defaults).")
            .WithExamples(response: RulesExample);
        group.MapPut("/rules", PutRules).WithName("PutPoolRules").RequirePermission("pool.rules")
            .WithSummary("Replace the pool's claim limit, cooldown and recycling rules")
            .WithDescription("The whole configuration: rules not sent are removed. Each rule needs a name and daysWithoutFollowUp and/or daysWithoutDeal (≥ 1); warningDaysBefore lies below the shortest period. Faults are named as rules[i].field (400). If-Match → 412 when stale. The recycling job applies the rules from its next run.")
            .WithExamples(RulesExample, RulesExample)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    /// <summary>List the public pool.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name, phone and email.</param>
    /// <param name="includeTotal">Also count the pool (slower).</param>
    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListPool(
        int? limit, string? cursor, string? sort, string? q, bool? includeTotal, CallerAccess caller,
        CustomerQueries customers, SettingsReader settings, CancellationToken ct) =>
        await CustomerEndpoints.ListAsync(null, limit, cursor, sort, q, includeTotal ?? false, caller, customers, settings, true, ct);

    /// <summary>Claim a pool customer.</summary>
    /// <param name="customerId">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Claim(
        Guid customerId, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http, CallerAccess caller,
        PoolCommands pool, CustomerQueries customers, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, null, idempotencyKey, out var request) is { } bad) return bad;
        if (await HiddenAsync(customerId, caller, customers, ct) is { } hidden) return hidden;
        return await CustomerEndpoints.Answer(http, await pool.ClaimAsync(customerId, caller.ActorId, request, ct), customers, ct);
    }

    /// <summary>Assign a pool customer to a user.</summary>
    /// <param name="customerId">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Assign(
        Guid customerId, AssignRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http, CallerAccess caller,
        PoolCommands pool, CustomerQueries customers, UserQueries users, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (await AssigneeAsync(body.UserId, users, ct) is { } badUser) return badUser;
        if (await HiddenAsync(customerId, caller, customers, ct) is { } hidden) return hidden;
        var inScope = caller.VisibleOwners("pool.assign").Includes(body.UserId!.Value);
        return await CustomerEndpoints.Answer(http, await pool.AssignAsync(customerId, body.UserId.Value, inScope, request, ct), customers, ct);
    }

    /// <summary>Assign several pool customers; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkAssign(
        BulkAssignRequest body, HttpContext http, CallerAccess caller, PoolCommands pool, CustomerQueries customers, UserQueries users, CancellationToken ct)
    {
        if (body.Ids is not { Count: > 0 and <= CustomerEndpoints.MaxBulk } ids)
            return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {CustomerEndpoints.MaxBulk} customers.");
        if (await AssigneeAsync(body.UserId, users, ct) is { } badUser) return badUser;
        var inScope = caller.VisibleOwners("pool.assign").Includes(body.UserId!.Value);
        if (!inScope) return DomainError.Unprocessable("userId", "assignee_out_of_scope", "The user is outside your data scope: you cannot assign customers to them.").ToProblem();
        var request = CommandRequests.For(http, body);
        var results = new List<BulkItemResult>();
        foreach (var id in ids.Distinct())
        {
            if (await HiddenAsync(id, caller, customers, ct) is not null)
            {
                results.Add(BulkItemResult.NotFound(id, "customer_not_found", $"Customer {id} does not exist or is outside your data scope."));
                continue;
            }
            results.Add(CustomerEndpoints.Item(id, await pool.AssignAsync(id, body.UserId.Value, inScope, request, ct)));
        }
        return TypedResults.Ok(CustomerEndpoints.Bulk(results));
    }

    /// <summary>The pool configuration.</summary>
    private static async Task<Ok<PoolRulesResponse>> GetRules(HttpContext http, PoolRulesReader rules, CancellationToken ct)
    {
        var (state, version) = await rules.CurrentAsync(ct);
        http.Response.SetETag(version);
        return TypedResults.Ok(PoolRulesResponse.From(state));
    }

    /// <summary>Replace the pool configuration.</summary>
    private static async Task<Results<Ok<PoolRulesResponse>, ProblemHttpResult>> PutRules(
        PoolRulesDto body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http,
        CommandHandler handler, PoolRulesReader rules, TimeProvider clock, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        var command = new ChangePoolRules(body.ClaimLimit, body.ClaimCooldownDays, (body.Rules ?? []).Select(r => r.ToRule()).ToList());
        var outcome = await handler.HandleAsync(PoolRules.Decider, PoolRules.StreamId,
            (state, _, _) => ValueTask.FromResult(PoolRules.Decide(command, state, CommandRequests.Context(clock, request))), request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var (state, version) = await rules.CurrentAsync(ct);
        http.Response.SetETag(version);
        return TypedResults.Ok(PoolRulesResponse.From(state));
    }

    /// <summary>404 unless the customer is in the pool or owned inside the caller's customer scope (its id is not confirmed otherwise).</summary>
    private static async Task<ProblemHttpResult?> HiddenAsync(Guid id, CallerAccess caller, CustomerQueries customers, CancellationToken ct)
    {
        var row = await customers.GetAsync(id, ct);
        if (row is null) return CustomerAccess.NotFound(id);
        if (row.OwnerId is { } owner && !caller.VisibleOwners("customer.detail").Includes(owner)
            && !await customers.IsVisibleAsync(id, Projections.OwnerScope.Only(), caller.ActorId, ct))
            return CustomerAccess.NotFound(id);
        return null;
    }

    private static async Task<ProblemHttpResult?> AssigneeAsync(Guid? userId, UserQueries users, CancellationToken ct) =>
        await CustomerAccess.ReceiverAsync(userId, "userId", Write.Access.OwnerScope.All, users, ct);
}

/// <summary>Claims and assignments: the claimant's owned count is read under a per-user advisory lock, so two parallel claims cannot both slip under the limit.</summary>
public sealed class PoolCommands(CustomerCommands commands, CustomerQueries customers, PoolRulesReader rules, NpgsqlDataSource dataSource)
{
    public async Task<CommandOutcome> ClaimAsync(Guid customerId, Guid claimant, CommandRequest request, CancellationToken ct)
    {
        var (config, _) = await rules.CurrentAsync(ct);
        await using var perUser = config.ClaimLimit is null ? null : await AdvisoryLock.AcquireAsync(dataSource, LockKey(claimant), ct);
        return await commands.HandleAsync(customerId, async (state, context, token) =>
            Customer.Decide(new ClaimCustomer(customerId, config.ClaimLimit is null ? 0 : await customers.OwnedCountAsync(claimant, token),
                config.ClaimLimit, config.ClaimCooldownDays), state, context), request, ct);
    }

    public Task<CommandOutcome> AssignAsync(Guid customerId, Guid userId, bool inScope, CommandRequest request, CancellationToken ct) =>
        commands.HandleAsync(customerId, (state, context) => Customer.Decide(new AssignCustomer(customerId, userId, inScope), state, context), request, ct);

    private static long LockKey(Guid user) => BitConverter.ToInt64(user.ToByteArray(), 0) ^ 0x706f_6f6c_636c_6169;
}
