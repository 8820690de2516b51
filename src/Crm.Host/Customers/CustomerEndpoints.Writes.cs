using Crm.Write.Access;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Customers;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Customers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Customers;

public static partial class CustomerEndpoints
{
    public const int MaxBulk = 200;

    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateCustomer).WithName("CreateCustomer").RequirePermission("customer.create")
            .WithSummary("Create a customer")
            .WithDescription("Every invalid field is named under errors (400). Leads and customers with the same name, phone or email → 409 duplicate_suspected with candidates (one outside your scope shows only what matched: id and name null, visible false); send createAnyway: true to create it nonetheless. ownerId defaults to you and must be inside your customer.create data scope (422). With Idempotency-Key, a retry answers the first response and writes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(Example.Create, Example.Customer, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateCustomer).WithName("UpdateCustomer").RequirePermission("customer.edit")
            .WithSummary("Change a customer's fields")
            .WithDescription("Only the fields sent change (an empty string clears one); one event names every changed field old → new. Send If-Match with the ETag you read: 412 when someone changed it since. Team members with read_write access may edit.")
            .WithExamples("""{"level":"B","tags":["vip","export"]}""", Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/follow-ups", AddFollowUp).WithName("AddCustomerFollowUp").RequirePermission("customer.edit")
            .WithSummary("Record a follow-up (communication, log, schedule, task, approval)")
            .WithDescription("content is required (at most 2000 characters); nextContactAt, when sent, lies in the future. Moves the follow-up status from new to in_communication and restarts the recycling clock.")
            .WithExamples("""{"kind":"communication","content":"Called about the spring order","nextContactAt":"2026-03-08T09:00:00Z"}""", Example.Customer, StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/team", AddTeamMember).WithName("AddCustomerTeamMember").RequirePermission("customer.team")
            .WithSummary("Add a colleague to the customer's team (CUS-3)")
            .WithDescription("access is read or read_write. The owner cannot be a member (409 owner_cannot_be_team_member); an existing member with another access → 409 already_team_member (change it instead). The user must exist and be enabled (422).")
            .WithExamples("""{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","access":"read_write"}""", Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/{id}/team/{userId}", ChangeTeamMember).WithName("ChangeCustomerTeamMember").RequirePermission("customer.team")
            .WithSummary("Change a team member's access")
            .WithDescription("422 not_team_member when the user is not on the team.")
            .WithExamples("""{"access":"read"}""", Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}/team/{userId}", RemoveTeamMember).WithName("RemoveCustomerTeamMember").RequirePermission("customer.team")
            .WithSummary("Remove a colleague from the team")
            .WithDescription("422 not_team_member when the user is not on the team.")
            .WithExamples(response: Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferCustomer").RequirePermission("customer.transfer")
            .WithSummary("Transfer a customer to another owner (CUS-4)")
            .WithDescription("toUserId must be an enabled user inside your customer.transfer data scope (422 naming toUserId). cascadeToContacts moves its contacts in the same transaction; keepPreviousOwnerAs (read / read_write) keeps the previous owner on the team. Pool customers are claimed or assigned instead (409 customer_in_pool).")
            .WithExamples("""{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","cascadeToContacts":true,"keepPreviousOwnerAs":"read"}""", Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/transfer", BulkTransfer).WithName("TransferCustomers").RequirePermission("customer.transfer")
            .WithSummary("Transfer several customers at once")
            .WithDescription($"ids: 1 to {MaxBulk} customers; the same options as a single transfer. Each customer is its own transaction (with its contacts); the answer says per id whether it succeeded and, if not, the code and message (e.g. customer_not_found for ids outside your scope).")
            .WithExamples("""{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22"],"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","cascadeToContacts":true}""", Example.Bulk)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/lock", Lock).WithName("LockCustomer").RequirePermission("customer.lock")
            .WithSummary("Lock a customer: it is never recycled to the pool (CUS-5)")
            .WithDescription("Locking a locked customer changes nothing.")
            .WithExamples(response: Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/unlock", Unlock).WithName("UnlockCustomer").RequirePermission("customer.lock")
            .WithSummary("Unlock a customer")
            .WithDescription("Unlocking an unlocked customer changes nothing.")
            .WithExamples(response: Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/put-in-pool", PutInPool).WithName("PutCustomerInPool").RequirePermission("customer.recycle")
            .WithSummary("Put a customer into the public pool by hand (CUS-6)")
            .WithDescription("A locked customer is refused (409 customer_locked): unlock it first. reason is optional (at most 500 characters). The previous owner waits the claim cooldown before claiming it back.")
            .WithExamples("""{"reason":"No budget this year"}""", Example.Customer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>Create a customer.</summary>
    private static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> CreateCustomer(
        CreateCustomerRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http, CallerAccess caller,
        CustomerCommands commands, CustomerQueries customers, DuplicateQueries duplicates, DuplicateVisibility visibility, UserQueries users,
        DuplicateGuard duplicateGuard, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var owner = body.OwnerId ?? caller.ActorId;
        if (owner != caller.ActorId && await CustomerAccess.ReceiverAsync(owner, "ownerId", caller.VisibleOwners("customer.create"), users, ct) is { } badOwner) return badOwner;
        var id = body.Id ?? Guid.CreateVersion7();
        IReadOnlyCollection<Guid> seen = [];
        var outcome = await commands.CreateAsync(id, async (state, context, token) =>
        {
            var matches = await duplicates.FindAsync(body.Name, body.Phone, body.Email, token);
            seen = matches.Select(m => m.Id).ToHashSet();
            var candidates = matches.Select(m => new DuplicateCandidate(m.Kind, m.Id, m.Name, m.MatchedOn)).ToList();
            return Customer.Decide(new Write.Customers.CreateCustomer(id, body.Input(), owner, null, candidates, body.CreateAnyway), state, context);
        }, request, duplicateGuard.For([body.Name], body.Phone, body.Email, () => seen), ct);
        if (outcome.Error is { } error) return (await visibility.MaskAsync(error, caller, ct)).ToProblem();
        var row = await Written(http, outcome, customers, ct);
        return TypedResults.Created($"/api/customers/{row.Id}", row);
    }

    /// <summary>Change a customer's fields; only the fields sent change.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> UpdateCustomer(
        Guid id, UpdateCustomerRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        if ((await CustomerAccess.CheckAsync(id, caller, "customer.edit", TeamNeed.ReadWrite, customers, ct)).Problem is { } hidden) return hidden;
        var outcome = await commands.HandleAsync(id, (state, context) => Customer.Decide(new EditCustomer(id, body.Input()), state, context), request, ct);
        return await Answer(http, outcome, customers, ct);
    }

    /// <summary>Record a follow-up on a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> AddFollowUp(
        Guid id, FollowUpRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, FollowUpQueries followUps, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if ((await CustomerAccess.CheckAsync(id, caller, "customer.edit", TeamNeed.ReadWrite, customers, ct)).Problem is { } hidden) return hidden;
        var followUpId = body.Id ?? Guid.CreateVersion7();
        var outcome = await commands.HandleAsync(id, async (state, context, token) =>
            state.Exists && body.Id is not null && await followUps.IsUsedAsync(followUpId, token) ? TakenIds.Refusal()
            : Customer.Decide(new FollowUpCustomer(id, followUpId, body.Kind, body.Content, body.NextContactAt), state, context), request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/customers/{id}/follow-ups", await Written(http, outcome, customers, ct));
    }

    /// <summary>Add a colleague to the customer's team.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> AddTeamMember(
        Guid id, TeamMemberRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, UserQueries users, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        if ((await CustomerAccess.CheckAsync(id, caller, "customer.team", TeamNeed.None, customers, ct)).Problem is { } hidden) return hidden;
        if (await CustomerAccess.ReceiverAsync(body.UserId, "userId", Write.Access.OwnerScope.All, users, ct) is { } badUser) return badUser;
        var outcome = await commands.HandleAsync(id, (state, context) =>
            Customer.Decide(new Write.Customers.AddTeamMember(id, body.UserId!.Value, body.Access), state, context), request, ct);
        return await Answer(http, outcome, customers, ct);
    }

    /// <summary>Change a team member's access.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> ChangeTeamMember(
        Guid id, Guid userId, TeamMemberRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        if ((await CustomerAccess.CheckAsync(id, caller, "customer.team", TeamNeed.None, customers, ct)).Problem is { } hidden) return hidden;
        var outcome = await commands.HandleAsync(id, (state, context) =>
            Customer.Decide(new ChangeTeamMemberAccess(id, userId, body.Access), state, context), request, ct);
        return await Answer(http, outcome, customers, ct);
    }

    /// <summary>Remove a colleague from the team.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> RemoveTeamMember(
        Guid id, Guid userId, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        if ((await CustomerAccess.CheckAsync(id, caller, "customer.team", TeamNeed.None, customers, ct)).Problem is { } hidden) return hidden;
        var outcome = await commands.HandleAsync(id, (state, context) => Customer.Decide(new Write.Customers.RemoveTeamMember(id, userId), state, context), request, ct);
        return await Answer(http, outcome, customers, ct);
    }

    /// <summary>Transfer a customer (and optionally its contacts) to another owner.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Transfer(
        Guid id, TransferRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, UserQueries users, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        if (await CustomerAccess.ReceiverAsync(body.ToUserId, "toUserId", caller.VisibleOwners("customer.transfer"), users, ct) is { } badUser) return badUser;
        if ((await CustomerAccess.CheckAsync(id, caller, "customer.transfer", TeamNeed.None, customers, ct)).Problem is { } hidden) return hidden;
        var outcome = await commands.TransferAsync(Command(id, body.ToUserId!.Value, body.CascadeToContacts, body.CascadeToOpportunities, body.CascadeToContracts, body.KeepPreviousOwnerAs), request, ct);
        return await Answer(http, outcome, customers, ct);
    }

    private static TransferCustomer Command(Guid id, Guid to, bool contacts, bool opportunities, bool contracts, string? keep) =>
        new(id, to, contacts, opportunities, contracts, string.IsNullOrWhiteSpace(keep) ? null : keep);

    /// <summary>Transfer several customers; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkTransfer(
        BulkTransferRequest body, HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers, UserQueries users, CancellationToken ct)
    {
        if (body.Ids is not { Count: > 0 and <= MaxBulk } ids) return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {MaxBulk} customers.");
        if (await CustomerAccess.ReceiverAsync(body.ToUserId, "toUserId", caller.VisibleOwners("customer.transfer"), users, ct) is { } badUser) return badUser;
        var request = CommandRequests.For(http, body);
        var results = new List<BulkItemResult>();
        foreach (var id in ids.Distinct())
        {
            if ((await CustomerAccess.CheckAsync(id, caller, "customer.transfer", TeamNeed.None, customers, ct)).Problem is not null)
            {
                results.Add(BulkItemResult.NotFound(id, "customer_not_found", $"Customer {id} does not exist or is outside your data scope."));
                continue;
            }
            var outcome = await commands.TransferAsync(Command(id, body.ToUserId!.Value, body.CascadeToContacts, body.CascadeToOpportunities, body.CascadeToContracts, body.KeepPreviousOwnerAs), request, ct);
            results.Add(Item(id, outcome));
        }
        return TypedResults.Ok(Bulk(results));
    }

    internal static BulkItemResult Item(Guid id, Write.CommandOutcome outcome) =>
        outcome.Error is { } e ? BulkItemResult.Refused(id, e) : BulkItemResult.Done(id, outcome.Version);

    internal static BulkResponse Bulk(IReadOnlyList<BulkItemResult> items) => BulkResponse.Of(items);

    /// <summary>Lock a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Lock(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller,
        CustomerCommands commands, CustomerQueries customers, CancellationToken ct) =>
        Simple(id, "customer.lock", ifMatch, http, caller, commands, customers, (state, context) => Customer.Decide(new LockCustomer(id), state, context), ct);

    /// <summary>Unlock a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Unlock(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller,
        CustomerCommands commands, CustomerQueries customers, CancellationToken ct) =>
        Simple(id, "customer.lock", ifMatch, http, caller, commands, customers, (state, context) => Customer.Decide(new UnlockCustomer(id), state, context), ct);

    /// <summary>Put a customer into the public pool by hand.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> PutInPool(
        Guid id, PutInPoolRequest? body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller,
        CustomerCommands commands, CustomerQueries customers, CancellationToken ct) =>
        await Simple(id, "customer.recycle", ifMatch, http, caller, commands, customers,
            (state, context) => Customer.Decide(new PutCustomerInPool(id, body?.Reason), state, context), ct);

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Simple(
        Guid id, string permission, string? ifMatch, HttpContext http, CallerAccess caller, CustomerCommands commands, CustomerQueries customers,
        Func<CustomerState, CommandContext, Decision> decide, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        if ((await CustomerAccess.CheckAsync(id, caller, permission, TeamNeed.None, customers, ct)).Problem is { } hidden) return hidden;
        return await Answer(http, await commands.HandleAsync(id, decide, request, ct), customers, ct);
    }

    internal static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Answer(HttpContext http, Write.CommandOutcome outcome, CustomerQueries customers, CancellationToken ct)
    {
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(http, outcome, customers, ct));
    }

    /// <summary>The customer exactly as the command left it (folded to that version), with its team now and its ETag.</summary>
    internal static async Task<CustomerResponse> Written(HttpContext http, Write.CommandOutcome outcome, CustomerQueries customers, CancellationToken ct)
    {
        var row = await http.WrittenAsync(outcome, "Customer", (id, version, t) => customers.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
        return CustomerResponse.From(row, await http.ReadBackAsync(t => customers.TeamAsync(row.Id, t), ct));
    }
}
