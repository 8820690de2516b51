using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Customers;

public static partial class CustomerEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/", Create).WithName("CreateCustomer").RequirePermission("customer.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(CustomerApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdateCustomer").RequirePermission("customer.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.Update);
        group.MapPost("/{id}/follow-ups", AddFollowUp).WithName("AddCustomerFollowUp").RequirePermission("customer.edit")
            .AsCommand(Both).Documented(CustomerApiDocs.AddFollowUp);
        group.MapPost("/{id}/team", AddTeamMember).WithName("AddCustomerTeamMember").RequirePermission("customer.team")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.AddTeamMember);
        group.MapPut("/{id}/team/{userId}", ChangeTeamMember).WithName("ChangeCustomerTeamMember").RequirePermission("customer.team")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.ChangeTeamMember);
        group.MapDelete("/{id}/team/{userId}", RemoveTeamMember).WithName("RemoveCustomerTeamMember").RequirePermission("customer.team")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.RemoveTeamMember);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferCustomer").RequirePermission("customer.transfer")
            .AsCommand(Both).Documented(CustomerApiDocs.Transfer);
        group.MapPost("/transfer", BulkTransfer).WithName("TransferCustomers").RequirePermission("customer.transfer")
            .AsCommand().Documented(CustomerApiDocs.BulkTransfer);
        group.MapPost("/{id}/lock", Lock).WithName("LockCustomer").RequirePermission("customer.lock")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.Lock);
        group.MapPost("/{id}/unlock", Unlock).WithName("UnlockCustomer").RequirePermission("customer.lock")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.Unlock);
        group.MapPost("/{id}/put-in-pool", PutInPool).WithName("PutCustomerInPool").RequirePermission("customer.recycle")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerApiDocs.PutInPool);
        group.MapPost("/{id}/erase", Erase).WithName("EraseCustomerPersonalData").RequirePermission("customer.erase")
            .AsCommand(Both).Documented(CustomerApiDocs.Erase);
    }

    /// <summary>Create a customer.</summary>
    private static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> Create(CreateCustomerRequest body, [AsParameters] CustomerServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.AddAsync(new AddCustomer(body.Id, body.Input(), body.OwnerId, body.CreateAnyway), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        // Folded from the events in hand: nothing read after the commit can turn it into a 500. A new customer has no team yet;
        // a replay is read back (its team may have grown since).
        var row = outcome.Replayed ? await Written(s.Http, outcome, s.Customers, s.Ct) : CustomerResponse.From(await s.Http.CreatedAsync(
            outcome, "Customer", CustomerRow.Evolve, (id, v, t) => s.Customers.GetAsOfAsync(id, v, null, t), r => r.Version, s.Ct), []);
        return TypedResults.Created($"/api/customers/{row.Id}", row);
    }

    /// <summary>Change a customer's fields; only the fields sent change.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateCustomerRequest body, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.EditAsync(new EditCustomer(id, body.Input()), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Record a follow-up on a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> AddFollowUp(
        Guid id, FollowUpRequest body, [AsParameters] CustomerServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddCustomerFollowUp(id, body.Id, body.Kind, body.Content, body.NextContactAt);
        var outcome = await s.Handler.FollowUpAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/customers/{id}/follow-ups", await Written(s.Http, outcome, s.Customers, s.Ct));
    }

    /// <summary>Add a colleague to the customer's team.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> AddTeamMember(
        Guid id, TeamMemberRequest body, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.AddTeamMemberAsync(new(id, body.UserId ?? Guid.Empty, body.Access), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Change a team member's access.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> ChangeTeamMember(
        Guid id, Guid userId, TeamMemberRequest body, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.ChangeTeamMemberAsync(new(id, userId, body.Access), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Remove a colleague from the team.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> RemoveTeamMember(Guid id, Guid userId, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.RemoveTeamMemberAsync(new(id, userId), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Transfer a customer (and optionally its contacts) to another owner.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Transfer(Guid id, TransferRequest body, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.TransferAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Transfer several customers; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkTransfer(BulkTransferRequest body, [AsParameters] CustomerServices s)
    {
        if (body.Ids is not { Count: > 0 and <= MaxBulk } ids) return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {MaxBulk} customers.");
        var (refusal, outcomes) = await s.Handler.TransferManyAsync(new TransferCustomers(ids, body.Command()), s.Caller, s.Http.Command(), s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(Bulk(outcomes.Select(o => Item(o.StreamId, o)).ToList()));
    }

    internal static BulkItemResult Item(Guid id, CommandOutcome outcome) =>
        outcome.Error is { } e ? BulkItemResult.Refused(id, e) : BulkItemResult.Done(id, outcome.Version);

    internal static BulkResponse Bulk(IReadOnlyList<BulkItemResult> items) => BulkResponse.Of(items);

    /// <summary>Lock a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Lock(Guid id, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.LockAsync(new LockCustomer(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Unlock a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Unlock(Guid id, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.UnlockAsync(new UnlockCustomer(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Put a customer into the public pool by hand.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> PutInPool(Guid id, PutInPoolRequest? body, [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.PutInPoolAsync(new PutCustomerInPool(id, body?.Reason), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Erase a customer's personal data.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Erase(Guid id, ErasePersonalDataRequest body,
        [AsParameters] CustomerServices s) =>
        await Answer(s, await s.Handler.EraseAsync(new EraseCustomer(id, body.Reason), s.Caller, s.Http.Command(), s.Ct));

    private static Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Answer(CustomerServices s, CommandOutcome outcome) =>
        Answer(s.Http, outcome, s.Customers, s.Ct);

    internal static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Answer(HttpContext http, CommandOutcome outcome, CustomerQueries customers,
        CancellationToken ct)
    {
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(http, outcome, customers, ct));
    }

    /// <summary>The customer exactly as the command left it (folded to that version), with its team now and its ETag.</summary>
    internal static async Task<CustomerResponse> Written(HttpContext http, CommandOutcome outcome, CustomerQueries customers, CancellationToken ct)
    {
        var row = await http.WrittenAsync(outcome, "Customer", (id, version, t) => customers.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
        return CustomerResponse.From(row, await http.ReadBackAsync(t => customers.TeamAsync(row.Id, t), ct),
            await http.ReadBackAsync(t => customers.LastDealAtAsync(row.Id, t), ct));
    }
}
