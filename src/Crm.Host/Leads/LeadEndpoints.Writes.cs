using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Customers;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Leads;

public static partial class LeadEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateLead).WithName("CreateLead").RequirePermission("lead.create")
            .WithSummary("Create a lead")
            .WithDescription("Leads and customers with the same name (or company), phone or e-mail make it a 409 duplicate_suspected listing the candidates (those outside your scope show only what matched); send createAnyway: true to create it nonetheless. ownerId defaults to you and must be inside your lead.create scope (422 otherwise). With Idempotency-Key, a retry answers the first response and writes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(Example.Create, Example.Lead, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateLead).WithName("UpdateLead").RequirePermission("lead.edit")
            .WithSummary("Change a lead's fields")
            .WithDescription("Only the fields sent change (an empty string clears one); one lead.edited event names each changed field with its old and new value. Send If-Match with the ETag you read: 412 when someone changed it since. A converted lead is closed: 409 lead_converted.")
            .WithExamples("""{"level":"A","remark":""}""", Example.Lead)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/follow-ups", FollowUp).WithName("FollowUpLead").RequirePermission("lead.edit")
            .WithSummary("Record a follow-up on a lead")
            .WithDescription("kind is phone, email, visit, sms, chat or other; content is required; nextContactAt (in the future) lands in the owner's schedule. Allowed on converted leads too.")
            .WithExamples("""{"kind":"phone","content":"Called; wants a quote next week.","nextContactAt":"2026-03-08T02:00:00Z"}""", Example.FollowUp, StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferLead").RequirePermission("lead.transfer")
            .WithSummary("Transfer a lead to another owner")
            .WithDescription("The new owner must be an enabled user (422 otherwise). A pool lead is claimed, not transferred (409 lead_in_pool); a converted one is closed (409 lead_converted).")
            .WithExamples("""{"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", Example.Lead)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/pool", PutInPool).WithName("PutLeadInPool").RequirePermission("lead.edit")
            .WithSummary("Put a lead into the lead pool")
            .WithDescription("The lead loses its owner until someone claims it. reason is optional (at most 500 characters).")
            .WithExamples("""{"reason":"No answer for a month"}""", Example.PoolLead)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/pool/{id}/claim", Claim).WithName("ClaimLead").RequirePermission("lead.claim")
            .WithSummary("Claim a lead from the lead pool")
            .WithDescription("You become its owner. 409 lead_not_in_pool when someone claimed it first.")
            .WithExamples(response: Example.Lead)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>Create a lead.</summary>
    private static async Task<Results<Created<LeadResponse>, ProblemHttpResult>> CreateLead(
        CreateLeadRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var id = body.Id ?? Guid.CreateVersion7();
        var outcome = await commands.CreateAsync(id, body, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await WrittenAsync(http, outcome, commands, ct);
        return TypedResults.Created($"/api/leads/{row.Id}", LeadResponse.From(row));
    }

    /// <summary>Change a lead; only the fields sent change.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> UpdateLead(
        Guid id, UpdateLeadRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.EditAsync(id, body, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    /// <summary>Record a follow-up.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Created<LeadFollowUpResponse>, ProblemHttpResult>> FollowUp(
        Guid id, LeadFollowUpRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, LeadCommands commands, EventStore.EventStore store, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await commands.FollowUpAsync(id, body.Id ?? Guid.CreateVersion7(), body.Id is not null, body, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        await WrittenAsync(http, outcome, commands, ct);
        // The follow-up is the event at the written version: the one just written, or on a replay the first call's.
        var written = (await http.ReadBackAsync(t => store.ReadStreamAsync(id, outcome.Version, fromVersion: outcome.Version, ct: t), ct)).Single();
        var e = (Events.Leads.LeadFollowedUp)written.Data;
        var response = new LeadFollowUpResponse(e.FollowUpId, id, e.Kind, e.Content, e.NextContactAt, written.Timestamp, written.Metadata.ActorId);
        return TypedResults.Created($"/api/leads/{id}/follow-ups", response);
    }

    /// <summary>Transfer a lead.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Transfer(
        Guid id, TransferLeadRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.TransferAsync(id, body.OwnerId, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    /// <summary>Put a lead into the pool.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> PutInPool(
        Guid id, PutLeadInPoolRequest? body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.PutInPoolAsync(id, body?.Reason, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    /// <summary>Claim a pool lead.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Claim(
        Guid id, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.ClaimAsync(id, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await WrittenAsync(http, outcome, commands, ct)));
    }

    private static Task<Projections.Leads.LeadRow> WrittenAsync(HttpContext http, CommandOutcome outcome, LeadCommands commands, CancellationToken ct) =>
        http.WrittenAsync<Projections.Leads.LeadRow>(outcome, "Lead", async (id, version, t) => await commands.WrittenAsync(id, version, t), r => r.Version, ct);
}
