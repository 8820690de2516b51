using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Leads;

public static partial class LeadEndpoints
{
    /// <summary>At most this many ids per bulk call: a bulk call is one request, so it must stay short.</summary>
    public const int MaxBulkIds = 500;

    private static void MapActions(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/convert", Convert).WithName("ConvertLead").RequirePermission("lead.convert")
            .WithSummary("Convert a lead into a customer, optionally with a contact")
            .WithDescription("One transaction appends the new customer (fields from the lead: company as name, else the person's name; override any under customer), the optional contact and the lead's lead.converted. Duplicates among customers and other leads make it a 409 duplicate_suspected unless createAnyway. A converted lead is closed (409 lead_converted). If-Match guards the lead's version (412).")
            .WithExamples(Example.Convert, Example.Converted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/convert", BulkConvert).WithName("ConvertLeads").RequirePermission("lead.convert")
            .WithSummary("Convert many leads")
            .WithDescription($"Up to {MaxBulkIds} ids; each lead is converted on its own (one transaction per lead: customer, optional contact named after the lead's person with withContact, and the lead). The answer lists each id: succeeded with the new customer id, or the status and code a single call would have answered (404 for leads outside your scope, 409 duplicate_suspected, lead_converted …).")
            .WithExamples("""{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22"],"withContact":true,"createAnyway":false}""", Example.Bulk)
            .ProducesValidationProblem();
        group.MapPost("/transfer", BulkTransfer).WithName("TransferLeads").RequirePermission("lead.transfer")
            .WithSummary("Transfer many leads to one owner")
            .WithDescription($"Up to {MaxBulkIds} ids; each lead is transferred on its own and the answer lists each id's outcome (404 for leads outside your scope, 409 lead_in_pool / lead_converted).")
            .WithExamples("""{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21"],"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", Example.Bulk)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Convert one lead.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<ConvertLeadResponse>, ProblemHttpResult>> Convert(
        Guid id, ConvertLeadRequest? body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        body ??= new ConvertLeadRequest(null, null, null, null, null);
        if (body.CustomerId == Guid.Empty) return DomainProblems.Invalid("customerId", "id_invalid", "An id cannot be the empty UUID.");
        if (body.ContactId == Guid.Empty) return DomainProblems.Invalid("contactId", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await commands.ConvertAsync(id, body, caller, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await http.ReadBackAsync(t => commands.WrittenAsync(id, outcome.Version, t), ct);
        http.Response.SetETag(row.Version);
        if (outcome.Replayed) http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        return TypedResults.Ok(new ConvertLeadResponse(LeadResponse.From(row), outcome.CustomerId, outcome.ContactId));
    }

    /// <summary>Convert many leads, each in its own transaction.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkConvert(
        BulkConvertLeadsRequest body, HttpContext http, CallerAccess caller, LeadCommands commands, Projections.Leads.LeadQueries leads, CancellationToken ct)
    {
        if (CheckIds(body.Ids) is { } bad) return bad;
        var items = new List<BulkItemResult>();
        foreach (var id in body.Ids!.Distinct())
        {
            ConversionContactFields? contact = null;
            if (body.WithContact == true && await leads.GetAsync(id, ct) is { } lead)
                contact = new ConversionContactFields(lead.Fields.Name, null, lead.Fields.Phone, lead.Fields.Email, lead.Fields.Address, null);
            var request = new ConvertLeadRequest(null, null, contact, null, body.CreateAnyway);
            var outcome = await commands.ConvertAsync(id, request, caller, CommandRequests.For(http, null), ct);
            items.Add(outcome.Error is { } error
                ? Failed(id, error)
                : BulkItemResult.Done(id, outcome.Version, outcome.CustomerId));
        }
        return TypedResults.Ok(Summary(items));
    }

    /// <summary>Transfer many leads to one owner, each on its own.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkTransfer(
        BulkTransferLeadsRequest body, HttpContext http, CallerAccess caller, LeadCommands commands, CancellationToken ct)
    {
        if (CheckIds(body.Ids) is { } bad) return bad;
        if (body.OwnerId is null) return DomainProblems.Invalid("ownerId", "owner_required", "Name the user who receives the leads.");
        var items = new List<BulkItemResult>();
        foreach (var id in body.Ids!.Distinct())
        {
            var outcome = await commands.TransferAsync(id, body.OwnerId, caller, CommandRequests.For(http, null), ct);
            // The target user is the same for every id: refuse the whole call once rather than per id.
            if (outcome.Error is { Field: "ownerId" } wrongOwner) return wrongOwner.ToProblem();
            items.Add(outcome.Error is { } error ? Failed(id, error) : BulkItemResult.Done(id, outcome.Version));
        }
        return TypedResults.Ok(Summary(items));
    }

    private static ProblemHttpResult? CheckIds(IReadOnlyList<Guid>? ids)
    {
        if (ids is null || ids.Count == 0) return DomainProblems.Invalid("ids", "ids_required", "Send the ids to act on.");
        if (ids.Count > MaxBulkIds) return DomainProblems.Invalid("ids", "too_many_ids", $"At most {MaxBulkIds} ids per call.");
        return ids.Contains(Guid.Empty) ? DomainProblems.Invalid("ids", "id_invalid", "An id cannot be the empty UUID.") : null;
    }

    private static BulkItemResult Failed(Guid id, DomainError error) => BulkItemResult.Refused(id, error);

    private static BulkResponse Summary(List<BulkItemResult> items) => BulkResponse.Of(items);
}
